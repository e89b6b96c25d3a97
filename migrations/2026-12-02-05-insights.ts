import type { Kysely } from 'kysely';

/**
 * Insights: the weekly digest's record of each scheduled time, and the indexes its counting needs.
 *
 * `insight_digests` has one row per scheduled time (`due_at`, a UTC instant). The replica whose
 * insert wins posts it; `claimed_until` lets another take over from one that died, `posted_ts`
 * and `chart_shared_at` say how far it got, `finished_at` that nothing is left to do. `outcome`
 * is `posted`; `skipped` for the time before a schedule was first seen (a digest starts with the
 * next scheduled time, not one from before it was turned on); or `failed` after Slack refused it
 * every time it was tried.
 *
 * The indexes let the counts read only the rows of the period: incidents by when they were
 * declared, action items by when they were closed or verified, and open items by due date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insight_digests')
    .addColumn('due_at', 'varchar(32)', (col) => col.primaryKey())
    // INSIGHTS_DIGEST as configured when the row was written.
    .addColumn('schedule', 'varchar(128)', (col) => col.notNull())
    .addColumn('channel_id', 'varchar(32)', (col) => col.notNull())
    .addColumn('claimed_until', 'varchar(32)')
    .addColumn('posted_ts', 'varchar(32)')
    .addColumn('chart_shared_at', 'varchar(32)')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('outcome', 'varchar(16)')
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('insight_digests_schedule_idx').on('insight_digests').column('schedule').execute();

  await db.schema.createIndex('incidents_declared_at_idx').on('incidents').column('declared_at').execute();
  // Each holds what its count reads (owner and incident too), so the count never visits the table.
  await db.schema.createIndex('action_items_closed_idx').on('action_items').columns(['status', 'status_changed_at', 'owner_id', 'incident_id']).execute();
  await db.schema.createIndex('action_items_verified_idx').on('action_items').columns(['verification', 'verified_at', 'owner_id', 'incident_id']).execute();
  await db.schema.createIndex('action_items_status_due_idx').on('action_items').columns(['status', 'due_date', 'owner_id', 'incident_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('action_items_status_due_idx').execute();
  await db.schema.dropIndex('action_items_verified_idx').execute();
  await db.schema.dropIndex('action_items_closed_idx').execute();
  await db.schema.dropIndex('incidents_declared_at_idx').execute();
  await db.schema.dropIndex('insight_digests_schedule_idx').execute();
  await db.schema.dropTable('insight_digests').execute();
}
