import type { ExpressionBuilder, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/database';
import { leaseIsFree } from '../db/lease';
import type { StoredInstant } from '../db/instant';
import type { ParticipantAccountsTable } from './accounts.table';

export type AccountRow = Selectable<ParticipantAccountsTable>;

/** Adds a request for each person not asked yet; people already in the list keep their row. Returns who was added. */
export async function insertAccountRequests(db: Kysely<Database>, incidentId: string, userIds: string[], now: StoredInstant): Promise<string[]> {
  const added: string[] = [];
  for (const userId of userIds) {
    const result = await db
      .insertInto('participant_accounts')
      .values({ incident_id: incidentId, user_id: userId, state: 'to_ask', created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) added.push(userId);
  }
  return added;
}

/** Records that the incident's participants were asked; false when they already were. */
export async function insertAccountRound(db: Kysely<Database>, incidentId: string, requestedBy: string | null, now: StoredInstant): Promise<boolean> {
  const result = await db
    .insertInto('account_rounds')
    .values({ incident_id: incidentId, requested_by: requestedBy, requested_at: now })
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Of these incidents, the ones whose participants were never asked. */
export async function withoutAccountRound(db: Kysely<Database>, incidentIds: string[]): Promise<string[]> {
  if (incidentIds.length === 0) return [];
  const asked = await db.selectFrom('account_rounds').select('incident_id').where('incident_id', 'in', incidentIds).execute();
  const done = new Set(asked.map((r) => r.incident_id));
  return incidentIds.filter((id) => !done.has(id));
}

export async function listAccounts(db: Kysely<Database>, incidentId: string): Promise<AccountRow[]> {
  return db.selectFrom('participant_accounts').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').orderBy('user_id').execute();
}

export async function findAccount(db: Kysely<Database>, incidentId: string, userId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('participant_accounts').selectAll().where('incident_id', '=', incidentId).where('user_id', '=', userId).executeTakeFirst();
}

/** Adds one row as given (someone writing an account nobody asked for); false when the row exists. */
export async function insertAccount(db: Kysely<Database>, row: Insertable<ParticipantAccountsTable>): Promise<boolean> {
  const result = await db
    .insertInto('participant_accounts')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Applies the changes only while the row still has `revision`: two saves at once cannot both win. */
export async function updateAccountAtRevision(
  db: Kysely<Database>,
  incidentId: string,
  userId: string,
  revision: number,
  changes: Updateable<ParticipantAccountsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('participant_accounts')
    .set(changes)
    .where('incident_id', '=', incidentId)
    .where('user_id', '=', userId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** What a background pass does with a row: send the request, or send the one reminder. */
export type AccountWork = 'ask' | 'remind';

const due = (work: AccountWork, now: string) => (eb: ExpressionBuilder<Database, 'participant_accounts'>) =>
  work === 'ask'
    ? eb.and([eb('state', '=', 'to_ask'), eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', now)]), leaseIsFree(eb, 'lease_until', now)])
    : eb.and([eb('state', '=', 'asked'), eb('remind_at', '<=', now), leaseIsFree(eb, 'lease_until', now)]);

export interface ClaimedAccount {
  row: AccountRow;
  /** A lease was on it before: a send may have been cut short, so look for it before sending again. */
  wasClaimed: boolean;
}

/**
 * Claims up to `limit` rows due for `work`: a read, then one conditional update that checks each
 * row again, so of two replicas reaching for the same row only one gets it.
 */
export async function claimAccountWork(db: Kysely<Database>, work: AccountWork, now: string, until: string, limit: number): Promise<ClaimedAccount[]> {
  const candidates = await db
    .selectFrom('participant_accounts')
    .select(['incident_id', 'user_id', 'lease_until'])
    .where(due(work, now))
    .orderBy('created_at')
    .limit(limit)
    .execute();
  const claimed: ClaimedAccount[] = [];
  for (const c of candidates) {
    const row = await db
      .updateTable('participant_accounts')
      .set({ lease_until: until })
      .where('incident_id', '=', c.incident_id)
      .where('user_id', '=', c.user_id)
      .where(due(work, now))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push({ row, wasClaimed: c.lease_until !== null });
  }
  return claimed;
}

/** Records what happened to claimed work and lets the lease go, only while the lease is still ours. */
export async function finishAccountWork(
  db: Kysely<Database>,
  incidentId: string,
  userId: string,
  lease: string,
  changes: Updateable<ParticipantAccountsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('participant_accounts')
    .set({ ...changes, lease_until: null })
    .where('incident_id', '=', incidentId)
    .where('user_id', '=', userId)
    .where('lease_until', '=', lease)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Stops every reminder still due for an incident (its post-mortem is published). */
export async function cancelReminders(db: Kysely<Database>, incidentId: string): Promise<void> {
  await db.updateTable('participant_accounts').set({ remind_at: null }).where('incident_id', '=', incidentId).where('remind_at', 'is not', null).execute();
}
