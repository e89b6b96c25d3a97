import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';

/** Counts one more removal of the message's timeline mark (the first creates the row). */
export async function countMarkRemoval(db: Kysely<Database>, channelId: string, ts: string, now: Date): Promise<void> {
  const updatedAt = toStoredInstant(now);
  await db
    .insertInto('timeline_mark_removals')
    .values({ channel_id: channelId, message_ts: ts, removals: 1, updated_at: updatedAt })
    .onConflict((oc) =>
      oc.columns(['channel_id', 'message_ts']).doUpdateSet((eb) => ({
        removals: eb('timeline_mark_removals.removals', '+', 1),
        updated_at: updatedAt,
      })),
    )
    .execute();
}

/** How many times the message's timeline mark has been removed; 0 when never. */
export async function markRemovalsOf(db: Kysely<Database>, channelId: string, ts: string): Promise<number> {
  const row = await db
    .selectFrom('timeline_mark_removals')
    .select('removals')
    .where('channel_id', '=', channelId)
    .where('message_ts', '=', ts)
    .executeTakeFirst();
  return Number(row?.removals ?? 0);
}
