import type { Kysely } from 'kysely';

/**
 * Each published post-mortem message keeps a fingerprint of what it showed, so refreshing the
 * post-mortem (an action item marked done) edits only the messages whose content changed.
 * Messages published before have none and are edited once, on their next refresh.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('postmortem_messages').addColumn('content_hash', 'varchar(64)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('postmortem_messages').dropColumn('content_hash').execute();
}
