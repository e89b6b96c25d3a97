import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('postmortems')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('incident_id', 'varchar(36)', (col) => col.notNull().unique().references('incidents.id').onDelete('cascade'))
    // The sections people write, as JSON text: the same on SQLite and PostgreSQL.
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('updated_by', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)')
    .addColumn('author_ids', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('published_at', 'varchar(32)')
    .addColumn('published_by', 'varchar(32)')
    .addColumn('overridden_notes', 'text')
    // One publish at a time: two people pressing Publish together must not post it twice.
    .addColumn('publish_lease_until', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .execute();

  // The Slack messages a published post-mortem occupies, so republishing edits them in place.
  await db.schema
    .createTable('postmortem_messages')
    .addColumn('postmortem_id', 'varchar(36)', (col) => col.notNull().references('postmortems.id').onDelete('cascade'))
    .addColumn('channel_id', 'varchar(32)', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('ts', 'varchar(32)', (col) => col.notNull())
    .addPrimaryKeyConstraint('postmortem_messages_pk', ['postmortem_id', 'channel_id', 'position'])
    .execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('incident_id', 'varchar(36)', (col) => col.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'varchar(32)', (col) => col.notNull())
    .addColumn('due_date', 'varchar(10)', (col) => col.notNull())
    .addColumn('type', 'varchar(16)', (col) => col.notNull())
    .addColumn('ticket_url', 'text')
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('created_by', 'varchar(32)', (col) => col.notNull())
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('action_items_incident_idx').on('action_items').column('incident_id').execute();

  // When a post-mortem is owed and when its commander is next reminded (claimed before sending).
  await db.schema.alterTable('incidents').addColumn('postmortem_due_at', 'varchar(32)').execute();
  await db.schema.alterTable('incidents').addColumn('postmortem_nudge_at', 'varchar(32)').execute();
  await db.schema.createIndex('incidents_postmortem_nudge_idx').on('incidents').column('postmortem_nudge_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('incidents_postmortem_nudge_idx').execute();
  await db.schema.alterTable('incidents').dropColumn('postmortem_nudge_at').execute();
  await db.schema.alterTable('incidents').dropColumn('postmortem_due_at').execute();
  await db.schema.dropTable('action_items').execute();
  await db.schema.dropTable('postmortem_messages').execute();
  await db.schema.dropTable('postmortems').execute();
}
