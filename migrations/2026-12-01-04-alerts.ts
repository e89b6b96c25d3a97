import type { Kysely } from 'kysely';

/**
 * Alerts from monitoring: each notification stored before it is acknowledged and handled once;
 * each group of alerts (a source's own group key) with what became of it (an offer, an incident,
 * a "not an incident"); each alert of a group with its last known state; and, per channel, the
 * message that lists groups held back during an alert storm.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_notifications')
    // The source and a hash of the body as received: a retry of the same delivery is the same row.
    .addColumn('id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('source', 'varchar(32)', (col) => col.notNull())
    .addColumn('group_hash', 'varchar(64)', (col) => col.notNull())
    .addColumn('received_at', 'varchar(32)', (col) => col.notNull())
    // The notification as read (normalised JSON); cleared once handled.
    .addColumn('payload', 'text')
    .addColumn('retry_at', 'varchar(32)')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('handled_at', 'varchar(32)')
    .addColumn('outcome', 'varchar(32)')
    .execute();
  await db.schema.createIndex('alert_notifications_pending_idx').on('alert_notifications').columns(['handled_at', 'received_at']).execute();
  await db.schema.createIndex('alert_notifications_group_idx').on('alert_notifications').columns(['group_hash', 'handled_at']).execute();

  await db.schema
    .createTable('alert_groups')
    .addColumn('id', 'varchar(64)', (col) => col.primaryKey())
    // sha-256 of source and group key: group keys can be long (Alertmanager's name every label).
    .addColumn('group_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('source', 'varchar(32)', (col) => col.notNull())
    .addColumn('group_key', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('severity', 'varchar(8)', (col) => col.notNull())
    // new | offered | held | declined | linked | ignored | quiet
    .addColumn('state', 'varchar(16)', (col) => col.notNull())
    .addColumn('rule', 'text')
    .addColumn('channel_id', 'varchar(32)')
    .addColumn('incident_id', 'varchar(64)')
    .addColumn('offer_ts', 'varchar(32)')
    .addColumn('offered_at', 'varchar(32)')
    .addColumn('held_at', 'varchar(32)')
    .addColumn('declined_by', 'varchar(32)')
    .addColumn('declined_reason', 'text')
    .addColumn('declined_at', 'varchar(32)')
    .addColumn('first_received_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('last_received_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('earliest_starts_at', 'varchar(32)')
    // One process handles a group's notifications at a time, in the order they arrived.
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('alert_groups_incident_idx').on('alert_groups').column('incident_id').execute();
  await db.schema.createIndex('alert_groups_channel_idx').on('alert_groups').columns(['channel_id', 'state']).execute();

  await db.schema
    .createTable('alert_group_alerts')
    .addColumn('group_id', 'varchar(64)', (col) => col.notNull())
    // Text: keys are bounded at 1,000 characters when parsed, and a generic key is the fingerprint.
    .addColumn('fingerprint', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('summary', 'text')
    .addColumn('description', 'text')
    .addColumn('severity', 'varchar(64)')
    .addColumn('labels', 'text', (col) => col.notNull())
    .addColumn('links', 'text', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('starts_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('ends_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .addPrimaryKeyConstraint('alert_group_alerts_pk', ['group_id', 'fingerprint'])
    .execute();

  await db.schema
    .createTable('alert_storms')
    .addColumn('channel_id', 'varchar(32)', (col) => col.primaryKey())
    .addColumn('started_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('message_ts', 'varchar(32)')
    .addColumn('posting_until', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('alert_resolve_prompts')
    .addColumn('incident_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('prompted_at', 'varchar(32)', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['alert_resolve_prompts', 'alert_storms', 'alert_group_alerts', 'alert_groups', 'alert_notifications']) {
    await db.schema.dropTable(table).execute();
  }
}
