import { type Kysely, sql } from 'kysely';

/**
 * Where the bot posted each action item's DMs (the assignment, due and overdue reminders), so a
 * click is shown by editing one of those messages and never a location named in the payload.
 * Items sent before this have none recorded: a click on one of their DMs is shown on the Home tab.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('action_items').addColumn('dm_messages', sql.raw('text')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('action_items').dropColumn('dm_messages').execute();
}
