import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database';
import type { StoredInstant } from '../db/instant';
import { leaseIsFree } from '../db/lease';
import type { AlertStormsTable } from './alerts.table';

export type AlertStormRow = Selectable<AlertStormsTable>;

export async function findStorm(db: Kysely<Database>, channelId: string): Promise<AlertStormRow | undefined> {
  return db.selectFrom('alert_storms').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
}

/** Starts a new storm in the channel: its message is posted afresh. */
export async function startStorm(db: Kysely<Database>, channelId: string, at: StoredInstant): Promise<void> {
  await db
    .insertInto('alert_storms')
    .values({ channel_id: channelId, started_at: at, message_ts: null, posting_until: null, updated_at: at })
    .onConflict((oc) => oc.column('channel_id').doUpdateSet({ started_at: at, message_ts: null, posting_until: null, updated_at: at }))
    .execute();
}

/** Takes the posting of the storm message while nobody else is posting it. */
export async function claimStormPosting(db: Kysely<Database>, channelId: string, now: StoredInstant, until: StoredInstant): Promise<boolean> {
  const result = await db
    .updateTable('alert_storms')
    .set({ posting_until: until })
    .where('channel_id', '=', channelId)
    .where('message_ts', 'is', null)
    .where((eb) => leaseIsFree(eb, 'posting_until', now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function recordStormMessage(db: Kysely<Database>, channelId: string, ts: string): Promise<void> {
  await db.updateTable('alert_storms').set({ message_ts: ts, posting_until: null }).where('channel_id', '=', channelId).execute();
}

/** A group joined the storm: it is still going on (`updated_at` is when a group last joined it). */
export async function touchStorm(db: Kysely<Database>, channelId: string, at: StoredInstant): Promise<void> {
  await db.updateTable('alert_storms').set({ updated_at: at }).where('channel_id', '=', channelId).execute();
}

/** Forgets storms no group has joined since `before`. */
export async function pruneStorms(db: Kysely<Database>, before: StoredInstant): Promise<void> {
  await db.deleteFrom('alert_storms').where('updated_at', '<', before).execute();
}

/** Claims the "all alerts resolved" question for an incident; false when it was asked already. */
export async function claimResolvePrompt(db: Kysely<Database>, incidentId: string, at: StoredInstant): Promise<boolean> {
  const result = await db
    .insertInto('alert_resolve_prompts')
    .values({ incident_id: incidentId, prompted_at: at })
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Something fires again: the question may be asked again when it all resolves. */
export async function clearResolvePrompt(db: Kysely<Database>, incidentId: string): Promise<void> {
  await db.deleteFrom('alert_resolve_prompts').where('incident_id', '=', incidentId).execute();
}

/** Channels whose current storm message is not posted yet (its posting failed or was interrupted). */
export async function stormsWithoutMessage(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('alert_storms').select('channel_id').where('message_ts', 'is', null).execute();
  return rows.map((r) => r.channel_id);
}
