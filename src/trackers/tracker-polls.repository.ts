import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database';
import { type StoredInstant, toStoredInstant } from '../db/instant';
import { leaseIsFree } from '../db/lease';
import type { TrackerPollsTable } from './trackers.table';

export type TrackerPollRow = Selectable<TrackerPollsTable>;

/**
 * Takes the tracker's poll when it is due and nobody holds it, and sets when the next one is due:
 * of several replicas, one polls each period. Returns the row as it was, or undefined.
 */
export async function claimPoll(db: Kysely<Database>, tracker: string, now: Date, leaseUntil: Date, nextAt: Date): Promise<TrackerPollRow | undefined> {
  const at = toStoredInstant(now);
  await db.insertInto('tracker_polls').values({ tracker }).onConflict((oc) => oc.column('tracker').doNothing()).execute();
  const before = await db.selectFrom('tracker_polls').selectAll().where('tracker', '=', tracker).executeTakeFirst();
  if (!before) return undefined;
  const result = await db
    .updateTable('tracker_polls')
    .set({ lease_until: toStoredInstant(leaseUntil), next_poll_at: toStoredInstant(nextAt) })
    .where('tracker', '=', tracker)
    .where((eb) => eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', at)]))
    .where((eb) => leaseIsFree(eb, 'lease_until', at))
    // Still the row this process read: another replica claiming meanwhile changed it.
    .where((eb) => (before.next_poll_at === null ? eb('next_poll_at', 'is', null) : eb('next_poll_at', '=', before.next_poll_at)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? before : undefined;
}

/** Records how far the poll read and releases it (only while the lease is the one taken). */
export async function finishPoll(db: Kysely<Database>, tracker: string, polledUntil: Date | null, heldUntil: StoredInstant): Promise<void> {
  await db
    .updateTable('tracker_polls')
    .set({ lease_until: null, ...(polledUntil ? { polled_until: toStoredInstant(polledUntil) } : {}) })
    .where('tracker', '=', tracker)
    .where('lease_until', '=', heldUntil)
    .execute();
}
