import { type Kysely, sql } from 'kysely';

/**
 * Action items in the team's tracker, and their verification.
 *
 * `tracker_issues` is the outbox of tracker calls: one row per item that has (or should have) an
 * issue. Every change in Slack raises `wanted_version`; the sync job claims the row, makes the
 * issue match the item, and records `synced_version` and what it left the issue as (`issue_state`,
 * `issue_assignee`, `issue_due_date`). A webhook or the poll compares the issue with those: a
 * difference is a person's change in the tracker, the same is the bot's own change coming back.
 *
 * The item keeps its issue's label and link (`issue_label`, `issue_url`) so that every place that
 * shows the item shows its issue without reading the outbox.
 *
 * `tracker_polls` holds how far the poll has read, per tracker, and its lease.
 *
 * The `verify_*` columns on `action_items` are the check that a done item's countermeasure works:
 * when to ask, how often it was asked, who answered and how.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tracker_issues')
    .addColumn('item_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('tracker', 'varchar(16)', (col) => col.notNull())
    .addColumn('issue_key', 'varchar(64)')
    .addColumn('issue_label', 'varchar(128)')
    .addColumn('issue_url', 'text')
    .addColumn('issue_state', 'varchar(16)')
    .addColumn('issue_assignee', 'varchar(128)')
    .addColumn('issue_due_date', 'varchar(10)')
    // The Slack owner the body was last written for: a new owner rewrites it even when neither has a tracker account.
    .addColumn('issue_owner', 'varchar(32)')
    .addColumn('wanted_version', 'integer', (col) => col.notNull())
    .addColumn('synced_version', 'integer', (col) => col.notNull().defaultTo(0))
    // Who asked for the issue (the item's creator, or whoever clicked Create issue).
    .addColumn('requested_by', 'varchar(32)')
    // Set before each create call: only an item whose create may have happened is looked for by its marker first.
    .addColumn('create_tried_at', 'varchar(32)')
    // The owner who was told that no tracker account matches theirs: each owner is told once.
    .addColumn('unassigned_told_owner', 'varchar(32)')
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('retry_at', 'varchar(32)')
    .addColumn('last_error', 'text')
    // A permanent failure is told to the owner once, until the issue syncs again.
    .addColumn('failure_told_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('tracker_issues_key_idx').on('tracker_issues').columns(['tracker', 'issue_key']).execute();
  await db.schema.createIndex('tracker_issues_due_idx').on('tracker_issues').columns(['retry_at']).execute();

  await db.schema
    .createTable('tracker_polls')
    .addColumn('tracker', 'varchar(16)', (col) => col.primaryKey())
    .addColumn('polled_until', 'varchar(32)')
    .addColumn('next_poll_at', 'varchar(32)')
    .addColumn('lease_until', 'varchar(32)')
    .execute();

  await db.schema
    .alterTable('action_items')
    // Days after done before asking whether it works: null uses VERIFY_AFTER_DAYS, 0 means no check needed.
    .addColumn('verify_after_days', 'integer')
    .execute();
  await db.schema.alterTable('action_items').addColumn('verification', sql.raw('varchar(16)')).execute();
  await db.schema.alterTable('action_items').addColumn('verify_at', sql.raw('varchar(32)')).execute();
  await db.schema.alterTable('action_items').addColumn('verify_asks', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('action_items').addColumn('verify_claimed_until', sql.raw('varchar(32)')).execute();
  await db.schema.alterTable('action_items').addColumn('verified_by', sql.raw('varchar(32)')).execute();
  await db.schema.alterTable('action_items').addColumn('verified_at', sql.raw('varchar(32)')).execute();
  await db.schema.alterTable('action_items').addColumn('verification_note', sql.raw('text')).execute();
  await db.schema.alterTable('action_items').addColumn('verify_messages', sql.raw('text')).execute();
  await db.schema.alterTable('action_items').addColumn('issue_label', sql.raw('varchar(128)')).execute();
  await db.schema.alterTable('action_items').addColumn('issue_url', sql.raw('text')).execute();
  await db.schema.createIndex('action_items_verify_idx').on('action_items').columns(['verify_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('action_items_verify_idx').execute();
  for (const column of ['issue_url', 'issue_label', 'verify_messages', 'verification_note', 'verified_at', 'verified_by', 'verify_claimed_until', 'verify_asks', 'verify_at', 'verification', 'verify_after_days']) {
    await db.schema.alterTable('action_items').dropColumn(column).execute();
  }
  await db.schema.dropTable('tracker_polls').execute();
  await db.schema.dropTable('tracker_issues').execute();
}
