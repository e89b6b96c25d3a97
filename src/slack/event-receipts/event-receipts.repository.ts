import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { toStoredInstant } from '../../db/instant';

/** Records an event id; true the first time it is seen, false for a redelivery. */
export async function recordEventReceipt(db: Kysely<Database>, eventId: string, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('event_receipts')
    .values({ event_id: eventId, received_at: toStoredInstant(at) })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Forgets receipts older than `before`; Slack stops redelivering after a few minutes. */
export async function pruneEventReceipts(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('event_receipts')
    .where('received_at', '<', toStoredInstant(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets an event whose handling failed, so a redelivery is handled again. */
export async function forgetEventReceipt(db: Kysely<Database>, eventId: string): Promise<void> {
  await db.deleteFrom('event_receipts').where('event_id', '=', eventId).execute();
}
