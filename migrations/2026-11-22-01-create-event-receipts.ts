import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_receipts')
    .addColumn('event_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('received_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('event_receipts_received_at_idx').on('event_receipts').column('received_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_receipts').execute();
}
