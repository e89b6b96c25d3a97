import { type Kysely, sql } from 'kysely';

/**
 * The inbox: every Slack event and form submission is stored before it is acknowledged, and
 * marked handled once its listeners finish. A request acknowledged by a process that then died
 * is found here and handled again. It replaces `event_receipts`, whose rows it keeps (as handled)
 * so that Slack's redeliveries of them are still recognised.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox')
    .addColumn('id', 'varchar(64)', (col) => col.primaryKey())
    // 'event' (an Events API envelope, id = event_id) or 'view_submission' (id is ours).
    .addColumn('kind', 'varchar(32)', (col) => col.notNull())
    .addColumn('received_at', 'varchar(32)', (col) => col.notNull())
    // The request body as JSON, kept until it is handled.
    .addColumn('body', 'text')
    // Held by the process handling it; nobody else takes it before this instant.
    .addColumn('lease_until', 'varchar(32)')
    // After a failure: when the background retry may take it (Slack's redelivery may sooner).
    .addColumn('retry_at', 'varchar(32)')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('handled_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('inbox_pending_idx').on('inbox').columns(['handled_at', 'lease_until']).execute();
  await db.schema.createIndex('inbox_received_at_idx').on('inbox').column('received_at').execute();
  await sql`insert into inbox (id, kind, received_at, attempts, handled_at)
            select event_id, 'event', received_at, 1, received_at from event_receipts`.execute(db);
  await db.schema.dropTable('event_receipts').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_receipts')
    .addColumn('event_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('received_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('event_receipts_received_at_idx').on('event_receipts').column('received_at').execute();
  await sql`insert into event_receipts (event_id, received_at)
            select id, received_at from inbox where kind = 'event'`.execute(db);
  await db.schema.dropTable('inbox').execute();
}
