import type { Kysely } from 'kysely';

/**
 * Participants' own accounts of an incident (one row per person, from the request to what they
 * wrote), the record that an incident's participants were asked, and the review meeting as it was
 * scheduled and announced.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participant_accounts')
    .addColumn('incident_id', 'varchar(64)', (col) => col.notNull())
    .addColumn('user_id', 'varchar(32)', (col) => col.notNull())
    .addColumn('state', 'varchar(16)', (col) => col.notNull())
    .addColumn('answers', 'text')
    .addColumn('anonymous', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('time_zone', 'varchar(64)')
    .addColumn('dm_channel', 'varchar(32)')
    .addColumn('dm_ts', 'varchar(32)')
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('retry_at', 'varchar(32)')
    .addColumn('remind_at', 'varchar(32)')
    .addColumn('reminded_at', 'varchar(32)')
    .addColumn('asked_at', 'varchar(32)')
    .addColumn('answered_at', 'varchar(32)')
    .addColumn('revision', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .addPrimaryKeyConstraint('participant_accounts_pk', ['incident_id', 'user_id'])
    .execute();
  await db.schema.createIndex('participant_accounts_state_idx').on('participant_accounts').columns(['state', 'retry_at']).execute();
  await db.schema.createIndex('participant_accounts_remind_idx').on('participant_accounts').columns(['remind_at']).execute();

  await db.schema
    .createTable('account_rounds')
    .addColumn('incident_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('requested_by', 'varchar(32)')
    .addColumn('requested_at', 'varchar(32)', (col) => col.notNull())
    // Set while the post-mortem is being published and after: accounts can no longer change.
    .addColumn('closed_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('review_meetings')
    .addColumn('incident_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('starts_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('time_zone', 'varchar(64)', (col) => col.notNull())
    .addColumn('facilitator_id', 'varchar(32)')
    .addColumn('invitee_ids', 'text', (col) => col.notNull())
    .addColumn('scheduled_by', 'varchar(32)', (col) => col.notNull())
    .addColumn('invitation_ts', 'varchar(32)')
    // While set and in the future, one request is posting or editing the invitation.
    .addColumn('invitation_lease_until', 'varchar(32)')
    .addColumn('remind_at', 'varchar(32)')
    .addColumn('reminded_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('review_meetings_remind_idx').on('review_meetings').columns(['remind_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_meetings').execute();
  await db.schema.dropTable('account_rounds').execute();
  await db.schema.dropTable('participant_accounts').execute();
}
