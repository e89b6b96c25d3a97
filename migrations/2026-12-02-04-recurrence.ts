import type { Kysely } from 'kysely';

/**
 * Recurrence: which past incidents a new one resembles.
 *
 * `recurrence_signatures` holds, per public incident, when it was declared and how many terms of
 * each kind it has (title words, body words, tags, services, alert names, alert groups): the sizes
 * a similarity score divides by. Private incidents get no row, so they are never suggested.
 *
 * `recurrence_terms` is the inverted index: one row per incident and term, the term prefixed by
 * its kind (`t:checkout`, `a:HighErrorRate`), with the incident's declaration. A lookup reads, for
 * each of a new incident's terms, the most recent incidents holding it: `recurrence_terms_term_idx`
 * (term, then declared_at, then the incident) answers each from the index alone, newest first,
 * however many incidents hold the term. Without it every term's lookup scans the whole table.
 *
 * `recurrence_notices` is the one message per incident channel that lists similar past incidents:
 * posted once, edited afterwards; the lease lets one request at a time post or edit it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recurrence_signatures')
    .addColumn('incident_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('declared_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('title_terms', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('body_terms', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('tag_terms', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('service_terms', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('alert_terms', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('group_terms', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('recurrence_terms')
    .addColumn('incident_id', 'varchar(64)', (col) => col.notNull())
    .addColumn('term', 'varchar(160)', (col) => col.notNull())
    .addColumn('declared_at', 'varchar(32)', (col) => col.notNull())
    .addPrimaryKeyConstraint('recurrence_terms_pk', ['incident_id', 'term'])
    .execute();
  await db.schema.createIndex('recurrence_terms_term_idx').on('recurrence_terms').columns(['term', 'declared_at', 'incident_id']).execute();

  await db.schema
    .createTable('recurrence_notices')
    .addColumn('incident_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('channel_id', 'varchar(32)', (col) => col.notNull())
    // Null until the message is posted (or while a post's answer was lost: it is then found by its marker).
    .addColumn('ts', 'varchar(32)')
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recurrence_notices').execute();
  await db.schema.dropIndex('recurrence_terms_term_idx').execute();
  await db.schema.dropTable('recurrence_terms').execute();
  await db.schema.dropTable('recurrence_signatures').execute();
}
