import type { Kysely } from 'kysely';

/**
 * The outbox of post-mortems to write to the team's git repository: one row per incident, the
 * version wanted (raised on every publish and every change shown in a published post-mortem) and
 * the version pushed. The push job claims a row, pushes the current document, and records the
 * version it pushed, so each version is pushed once across retries, restarts and replicas.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('postmortem_exports')
    .addColumn('incident_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('wanted_version', 'integer', (col) => col.notNull())
    .addColumn('pushed_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('pushed_commit', 'varchar(64)')
    .addColumn('pushed_at', 'varchar(32)')
    // Who published: told once, in plain words, when pushing fails.
    .addColumn('publisher_id', 'varchar(32)')
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('retry_at', 'varchar(32)')
    .addColumn('last_error', 'text')
    .addColumn('failure_told_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('postmortem_exports_due_idx').on('postmortem_exports').columns(['retry_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('postmortem_exports').execute();
}
