import { type Kysely, sql } from 'kysely';

/** Timeline entries captured from Slack messages and added by hand, correctable afterwards. */
export async function up(db: Kysely<any>): Promise<void> {
  const columns: Array<[string, string]> = [
    ['source_channel_id', 'varchar(32)'],
    ['source_ts', 'varchar(32)'],
    ['author_id', 'varchar(32)'],
    ['permalink', 'text'],
    ['files_note', 'text'],
    ['milestone', 'varchar(32)'],
    ['edited_at', 'varchar(32)'],
    ['edited_by', 'varchar(32)'],
    // How a message got on the timeline: taking the last reaction off removes only 'reaction' ones.
    ['captured_via', 'varchar(16)'],
    // Removed from the timeline by a person: kept so a later reaction does not bring it back.
    ['dismissed_at', 'varchar(32)'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('timeline_entries').addColumn(name, sql.raw(type)).execute();
  }
  // One entry per message and incident, however many people react and however often Slack redelivers.
  await db.schema
    .createIndex('timeline_entries_message_uq')
    .on('timeline_entries')
    .columns(['incident_id', 'source_channel_id', 'source_ts'])
    .unique()
    .execute();
  await db.schema
    .createIndex('timeline_entries_source_idx')
    .on('timeline_entries')
    .columns(['source_channel_id', 'source_ts'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('timeline_entries_source_idx').execute();
  await db.schema.dropIndex('timeline_entries_message_uq').execute();
  for (const name of ['dismissed_at', 'captured_via', 'edited_by', 'edited_at', 'milestone', 'files_note', 'permalink', 'author_id', 'source_ts', 'source_channel_id']) {
    await db.schema.alterTable('timeline_entries').dropColumn(name).execute();
  }
}
