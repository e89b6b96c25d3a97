import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { type StoredInstant, toStoredInstant } from '../../db/instant';
import type { InboxKind } from './inbox.table';

export interface InboxRequest {
  id: string;
  body: unknown;
}

const later = (at: Date, ms: number): StoredInstant => toStoredInstant(new Date(at.getTime() + ms));

/**
 * Stores a request and takes it for handling until `leaseMs` from now. False when the id is
 * already stored: a redelivery.
 */
export async function storeRequest(
  db: Kysely<Database>,
  request: { id: string; kind: InboxKind; body: unknown },
  at: Date,
  leaseMs: number,
): Promise<boolean> {
  const result = await db
    .insertInto('inbox')
    .values({
      id: request.id,
      kind: request.kind,
      received_at: toStoredInstant(at),
      body: JSON.stringify(request.body),
      lease_until: later(at, leaseMs),
      attempts: 0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Takes a stored request that is not handled and that nobody holds (its handler failed, or its
 * process died): Slack's redelivery of a failed event is handled again at once.
 */
export async function takeRedelivered(db: Kysely<Database>, id: string, at: Date, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('inbox')
    .set({ lease_until: later(at, leaseMs), retry_at: null })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .where('lease_until', '<=', toStoredInstant(at))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markHandled(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db
    .updateTable('inbox')
    .set((eb) => ({ handled_at: toStoredInstant(at), body: null, lease_until: null, retry_at: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Records a failed attempt: the request is let go at once (a redelivery may take it) and the
 * background retry waits `retryInMs`. Returns the number of attempts so far.
 */
export async function markFailed(db: Kysely<Database>, id: string, at: Date, retryInMs: (attempts: number) => number): Promise<number> {
  const row = await db.selectFrom('inbox').select('attempts').where('id', '=', id).executeTakeFirst();
  const attempts = (row?.attempts ?? 0) + 1;
  await db
    .updateTable('inbox')
    .set({ attempts, lease_until: toStoredInstant(at), retry_at: later(at, retryInMs(attempts)) })
    .where('id', '=', id)
    .execute();
  return attempts;
}

/** Gives up on a request that failed too often: it stays, marked handled, for the record. */
export async function giveUp(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('inbox').set({ handled_at: toStoredInstant(at), lease_until: null, retry_at: null }).where('id', '=', id).execute();
}

/**
 * Takes up to `limit` requests whose process died or whose retry is due, each with a
 * conditional update so that two replicas never take the same one.
 */
export async function takePending(db: Kysely<Database>, at: Date, leaseMs: number, limit: number): Promise<InboxRequest[]> {
  const now = toStoredInstant(at);
  const pending = (eb: ExpressionBuilder<Database, 'inbox'>) =>
    eb.and([eb('handled_at', 'is', null), eb('lease_until', '<=', now), eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', now)])]);
  const candidates = await db.selectFrom('inbox').select(['id', 'body']).where(pending).orderBy('received_at').limit(limit).execute();
  const taken: InboxRequest[] = [];
  for (const { id, body } of candidates) {
    const result = await db
      .updateTable('inbox')
      .set({ lease_until: later(at, leaseMs), retry_at: null })
      .where('id', '=', id)
      .where(pending)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0 && body) taken.push({ id, body: JSON.parse(body) as unknown });
  }
  return taken;
}

/** Forgets requests received before `before`; Slack stops redelivering after a few minutes. */
export async function pruneInbox(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('inbox').where('received_at', '<', toStoredInstant(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
