import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { PostmortemsTable } from './postmortems.table';
import { leaseIsFree } from '../db/lease';
import type { ShownMessage } from './postmortem-port';

export type PostmortemRow = Selectable<PostmortemsTable>;

export async function findPostmortemByIncident(db: Kysely<Database>, incidentId: string): Promise<PostmortemRow | undefined> {
  return db.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

/** Inserts the first draft; false when someone else created it first. */
export async function insertPostmortem(db: Kysely<Database>, row: Insertable<PostmortemsTable>): Promise<boolean> {
  const result = await db
    .insertInto('postmortems')
    .values(row)
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Saves over version `expected` only if it is still the current one: a compare-and-set, so two
 * people saving at once cannot silently overwrite each other. True when this save won.
 */
export async function updatePostmortemAtVersion(
  db: Kysely<Database>,
  id: string,
  expected: number,
  changes: Updateable<PostmortemsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('postmortems')
    .set({ ...changes, version: expected + 1 })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updatePostmortem(db: Kysely<Database>, id: string, changes: Updateable<PostmortemsTable>): Promise<void> {
  await db.updateTable('postmortems').set(changes).where('id', '=', id).execute();
}

export async function listPostmortemMessages(db: Kysely<Database>, postmortemId: string, channelId: string): Promise<ShownMessage[]> {
  const rows = await db
    .selectFrom('postmortem_messages')
    .select(['ts', 'content_hash'])
    .where('postmortem_id', '=', postmortemId)
    .where('channel_id', '=', channelId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ ts: r.ts, contentHash: r.content_hash }));
}

export async function replacePostmortemMessages(db: Kysely<Database>, postmortemId: string, channelId: string, shown: ShownMessage[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('postmortem_messages').where('postmortem_id', '=', postmortemId).where('channel_id', '=', channelId).execute();
    if (shown.length > 0) {
      await trx
        .insertInto('postmortem_messages')
        .values(shown.map(({ ts, contentHash }, position) => ({ postmortem_id: postmortemId, channel_id: channelId, position, ts, content_hash: contentHash })))
        .execute();
    }
  });
}

/** Takes the publishing lease when nobody holds a live one; true when this caller got it. */
export async function claimPublishLease(db: Kysely<Database>, id: string, now: string, until: string): Promise<boolean> {
  const result = await db
    .updateTable('postmortems')
    .set({ publish_lease_until: until })
    .where('id', '=', id)
    .where((eb) => leaseIsFree(eb, 'publish_lease_until', now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves the end of a publishing lease this caller holds, so a long publish is not taken over. */
export async function extendPublishLease(db: Kysely<Database>, id: string, until: string): Promise<void> {
  await db.updateTable('postmortems').set({ publish_lease_until: until }).where('id', '=', id).where('publish_lease_until', 'is not', null).execute();
}

/** The post-mortems published most recently, newest first. */
export async function listRecentlyPublished(db: Kysely<Database>, limit: number): Promise<PostmortemRow[]> {
  return db
    .selectFrom('postmortems')
    .selectAll()
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
}
