import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('request_key', 'varchar(255)', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('severity', 'varchar(8)', (col) => col.notNull())
    .addColumn('status', 'varchar(32)', (col) => col.notNull())
    .addColumn('is_private', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('description', 'text')
    .addColumn('channel_id', 'varchar(32)', (col) => col.unique())
    .addColumn('channel_name', 'varchar(80)')
    .addColumn('commander_id', 'varchar(32)', (col) => col.notNull())
    .addColumn('declared_by', 'varchar(32)', (col) => col.notNull())
    .addColumn('responder_ids', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('impact_started_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('declared_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('detected_at', 'varchar(32)')
    .addColumn('mitigated_at', 'varchar(32)')
    .addColumn('resolved_at', 'varchar(32)')
    .addColumn('resolution_note', 'text')
    .addColumn('card_ts', 'varchar(32)')
    .addColumn('card_pinned', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('members_invited', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('topic_set', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('announcement_channel_id', 'varchar(32)')
    .addColumn('announcement_ts', 'varchar(32)')
    .addColumn('setup_completed_at', 'varchar(32)')
    .addColumn('setup_lease_until', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('incidents_status_idx').on('incidents').column('status').execute();

  await db.schema
    .createTable('timeline_entries')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('incident_id', 'varchar(36)', (col) => col.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (col) => col.notNull())
    .addColumn('occurred_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('actor_id', 'varchar(32)')
    .addColumn('change', 'varchar(32)')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('text', 'text')
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('timeline_entries_incident_time_idx')
    .on('timeline_entries')
    .columns(['incident_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('timeline_entries').execute();
  await db.schema.dropTable('incidents').execute();
}
