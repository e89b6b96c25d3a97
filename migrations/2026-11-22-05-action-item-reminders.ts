import { type Kysely, sql } from 'kysely';

/** Reminders scheduled in the database: survive restarts, claimed before sending. */
export async function up(db: Kysely<any>): Promise<void> {
  const columns: Array<[string, string]> = [
    // Why an item will not be done, and who changed its status when.
    ['status_reason', 'text'],
    ['status_changed_by', 'varchar(32)'],
    ['status_changed_at', 'varchar(32)'],
    // The owner's zone, read from Slack when the item was assigned.
    ['owner_time_zone', 'varchar(64)'],
    // The owner's DM with the bot: where reminders go, and where a crashed send is looked for.
    ['owner_dm_channel', 'varchar(32)'],
    // The next reminder: when, and which ('assigned', 'due', 'overdue').
    ['next_reminder_at', 'varchar(32)'],
    ['next_reminder_kind', 'varchar(16)'],
    ['overdue_reminders_sent', 'integer'],
    ['reminder_failures', 'integer'],
    // Held by the poller that is sending the reminder; another skips it until it expires.
    ['reminder_claimed_until', 'varchar(32)'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('action_items').addColumn(name, sql.raw(type)).execute();
  }
  // Items already open get their assignment DM (and so their schedule) at the next poll.
  await db
    .updateTable('action_items')
    .set({ next_reminder_at: sql`created_at`, next_reminder_kind: 'assigned', overdue_reminders_sent: 0, reminder_failures: 0 })
    .where('status', '=', 'open')
    .execute();
  await db.schema.createIndex('action_items_next_reminder_idx').on('action_items').column('next_reminder_at').execute();
  await db.schema.createIndex('action_items_owner_idx').on('action_items').columns(['owner_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('action_items_owner_idx').execute();
  await db.schema.dropIndex('action_items_next_reminder_idx').execute();
  for (const name of [
    'reminder_claimed_until',
    'reminder_failures',
    'overdue_reminders_sent',
    'next_reminder_kind',
    'next_reminder_at',
    'owner_dm_channel',
    'owner_time_zone',
    'status_changed_at',
    'status_changed_by',
    'status_reason',
  ]) {
    await db.schema.alterTable('action_items').dropColumn(name).execute();
  }
}
