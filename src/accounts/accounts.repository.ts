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

/** Records that the incident's participants were asked now (again, when they were asked before). */
export async function recordAccountRound(db: Kysely<Database>, incidentId: string, requestedBy: string | null, now: StoredInstant): Promise<void> {
  await db
    .insertInto('account_rounds')
    .values({ incident_id: incidentId, requested_by: requestedBy, requested_at: now })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet({ requested_by: requestedBy, requested_at: now }))
    .execute();
}

/** When each of these incidents' participants were last asked; incidents never asked are absent. */
export async function lastAskedAt(db: Kysely<Database>, incidentIds: string[]): Promise<Map<string, StoredInstant>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db.selectFrom('account_rounds').select(['incident_id', 'requested_at']).where('incident_id', 'in', incidentIds).execute();
  return new Map(rows.map((r) => [r.incident_id, r.requested_at]));
}

/** Closes (or, with null, reopens) the incident's accounts: while closed, no save is stored. */
export async function setAccountsClosed(db: Kysely<Database>, incidentId: string, closedAt: StoredInstant | null, now: StoredInstant): Promise<void> {
  await db
    .insertInto('account_rounds')
    .values({ incident_id: incidentId, requested_by: null, requested_at: now, closed_at: closedAt })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet({ closed_at: closedAt }))
    .execute();
}

/** Whether the incident's accounts are closed (its post-mortem is being, or was, published). */
export async function accountsClosed(db: Kysely<Database>, incidentId: string): Promise<boolean> {
  const row = await db.selectFrom('account_rounds').select('closed_at').where('incident_id', '=', incidentId).executeTakeFirst();
  return Boolean(row?.closed_at);
}

/** The predicate every save is stored under: the incident's accounts are not closed. */
const stillOpen = (incidentId: string) => (eb: ExpressionBuilder<Database, 'participant_accounts'>) =>
  eb.not(
    eb.exists(
      eb.selectFrom('account_rounds').select('account_rounds.incident_id').where('account_rounds.incident_id', '=', incidentId).where('account_rounds.closed_at', 'is not', null),
    ),
  );

export async function listAccounts(db: Kysely<Database>, incidentId: string): Promise<AccountRow[]> {
  return db.selectFrom('participant_accounts').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').orderBy('user_id').execute();
}

export async function findAccount(db: Kysely<Database>, incidentId: string, userId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('participant_accounts').selectAll().where('incident_id', '=', incidentId).where('user_id', '=', userId).executeTakeFirst();
}

/**
 * Adds one row as given (someone writing an account nobody asked for); false when the row exists
 * or the incident's accounts are closed.
 */
export async function insertAccount(db: Kysely<Database>, row: Insertable<ParticipantAccountsTable>): Promise<boolean> {
  if (await accountsClosed(db, row.incident_id)) return false;
  const result = await db
    .insertInto('participant_accounts')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Applies the changes only while the row still has `revision` and the incident's accounts are
 * open: two saves at once cannot both win, and nothing changes once publishing has begun.
 */
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
    .where(stillOpen(incidentId))
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

/**
 * Records what happened to claimed work and lets the lease go, only while the lease is still
 * ours. `changes` apply only while the row is still in `state`: someone who wrote or declined
 * while their request was being sent keeps what they did (the rest, such as where the DM is,
 * is recorded either way). True when the state changes applied.
 */
export async function finishAccountWork(
  db: Kysely<Database>,
  key: { incidentId: string; userId: string; lease: string; state: string },
  always: Updateable<ParticipantAccountsTable>,
  changes: Updateable<ParticipantAccountsTable>,
): Promise<boolean> {
  const row = (eb: ExpressionBuilder<Database, 'participant_accounts'>) =>
    eb.and([eb('incident_id', '=', key.incidentId), eb('user_id', '=', key.userId), eb('lease_until', '=', key.lease)]);
  const applied = await db.updateTable('participant_accounts').set(changes).where(row).where('state', '=', key.state).executeTakeFirst();
  await db.updateTable('participant_accounts').set({ ...always, lease_until: null }).where(row).execute();
  return Number(applied.numUpdatedRows) > 0;
}

/** Stops every reminder still due for an incident (its post-mortem is published). */
export async function cancelReminders(db: Kysely<Database>, incidentId: string): Promise<void> {
  await db.updateTable('participant_accounts').set({ remind_at: null }).where('incident_id', '=', incidentId).where('remind_at', 'is not', null).execute();
}
