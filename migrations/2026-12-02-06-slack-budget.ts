import type { Kysely } from 'kysely';

/**
 * Sharing Slack's rate limits.
 *
 * `slack_replicas`: each running process of the bot, with when it last said it was alive. Slack's
 * limits are per workspace, so each of N live processes keeps to 1/N of every budget.
 *
 * `timeline_mark_removals`: how many times a message's timeline mark has been taken away. A
 * capture reads the count before reading the message from Slack and again after storing it; only
 * when it moved (a removal was handled meanwhile, maybe by another process) does the capture ask
 * Slack again whether anyone still marks the message.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('slack_replicas')
    .addColumn('id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('seen_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('timeline_mark_removals')
    .addColumn('channel_id', 'varchar(64)', (col) => col.notNull())
    .addColumn('message_ts', 'varchar(32)', (col) => col.notNull())
    .addColumn('removals', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .addPrimaryKeyConstraint('timeline_mark_removals_pk', ['channel_id', 'message_ts'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('timeline_mark_removals').execute();
  await db.schema.dropTable('slack_replicas').execute();
}
