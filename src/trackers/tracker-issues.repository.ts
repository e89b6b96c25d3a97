import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import { type StoredInstant, toStoredInstant } from '../db/instant';
import { leaseIsFree } from '../db/lease';
import type { TrackerIssuesTable } from './trackers.table';

export type TrackerIssueRow = Selectable<TrackerIssuesTable>;

/** The lease cleared if it is still the one this process took; another process's lease is left alone. */
const released = (eb: ExpressionBuilder<Database, 'tracker_issues'>, heldUntil: StoredInstant) =>
  eb.case().when('lease_until', '=', heldUntil).then(sql<string | null>`null`).else(eb.ref('lease_until')).end();

/**
 * Asks for the item's issue to be brought in step: one more version wanted. Creates the row (the
 * item has no issue yet) when `create` is set; otherwise only an item that has one, or is having
 * one filed, is touched. Returns whether a row was there or made.
 */
export async function wantIssueSync(
  db: Kysely<Database>,
  itemId: string,
  tracker: string,
  at: Date,
  create: { requestedBy: string | null } | null,
): Promise<boolean> {
  const now = toStoredInstant(at);
  if (create) {
    await db
      .insertInto('tracker_issues')
      .values({ item_id: itemId, tracker, wanted_version: 1, requested_by: create.requestedBy, created_at: now, updated_at: now })
      .onConflict((oc) =>
        oc.column('item_id').doUpdateSet((eb) => ({ wanted_version: eb('tracker_issues.wanted_version', '+', 1), retry_at: null, updated_at: now })),
      )
      .execute();
    return true;
  }
  const result = await db
    .updateTable('tracker_issues')
    .set((eb) => ({ wanted_version: eb('wanted_version', '+', 1), retry_at: null, updated_at: now }))
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Rows with a version not yet synced, whose retry (if any) is due and that nobody is syncing. */
export async function dueIssueSyncs(db: Kysely<Database>, now: StoredInstant, limit: number): Promise<TrackerIssueRow[]> {
  return db
    .selectFrom('tracker_issues')
    .selectAll()
    .whereRef('wanted_version', '>', 'synced_version')
    .where((eb) => eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', now)]))
    .where((eb) => leaseIsFree(eb, 'lease_until', now))
    .orderBy('updated_at')
    .orderBy('item_id')
    .limit(limit)
    .execute();
}

/** Takes a row for syncing; returns it as claimed, or undefined when another process has it or it is in step. */
export async function claimIssueSync(db: Kysely<Database>, itemId: string, now: StoredInstant, until: StoredInstant): Promise<TrackerIssueRow | undefined> {
  const result = await db
    .updateTable('tracker_issues')
    .set({ lease_until: until })
    .where('item_id', '=', itemId)
    .whereRef('wanted_version', '>', 'synced_version')
    .where((eb) => leaseIsFree(eb, 'lease_until', now))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findIssueRow(db, itemId);
}

/** Records the issue the item got, as soon as the tracker names it: a crash after this never files a second one. */
export async function recordIssueKey(db: Kysely<Database>, itemId: string, issue: { key: string; label: string; url: string }, at: Date): Promise<void> {
  await db
    .updateTable('tracker_issues')
    .set({ issue_key: issue.key, issue_label: issue.label, issue_url: issue.url, updated_at: toStoredInstant(at) })
    .where('item_id', '=', itemId)
    .execute();
}

/** What the issue was left as after a sync of `version`; the lease is released and failures forgotten. */
export interface SyncedIssue {
  state: string;
  assignee: string | null;
  dueDate: string | null;
  owner: string;
}

export async function markIssueSynced(db: Kysely<Database>, itemId: string, version: number, issue: SyncedIssue, at: Date, heldUntil: StoredInstant): Promise<void> {
  await db
    .updateTable('tracker_issues')
    .set((eb) => ({
      lease_until: released(eb, heldUntil),
      synced_version: eb.case().when('synced_version', '<', version).then(version).else(eb.ref('synced_version')).end(),
      issue_state: issue.state,
      issue_assignee: issue.assignee,
      issue_due_date: issue.dueDate,
      issue_owner: issue.owner,
      attempts: 0,
      retry_at: null,
      last_error: null,
      failure_told_at: null,
      updated_at: toStoredInstant(at),
    }))
    .where('item_id', '=', itemId)
    .execute();
}

/** Records a failed sync; returns the attempts so far. */
export async function markIssueSyncFailed(db: Kysely<Database>, itemId: string, error: string, retryAt: (attempts: number) => Date, at: Date, heldUntil: StoredInstant): Promise<number> {
  const row = await findIssueRow(db, itemId);
  const attempts = (row?.attempts ?? 0) + 1;
  await db
    .updateTable('tracker_issues')
    .set((eb) => ({ attempts, last_error: error, retry_at: toStoredInstant(retryAt(attempts)), lease_until: released(eb, heldUntil), updated_at: toStoredInstant(at) }))
    .where('item_id', '=', itemId)
    .execute();
  return attempts;
}

/** Claims telling the owner about a refusal: false when they were told already (until the issue syncs again). */
export async function claimFailureNotice(db: Kysely<Database>, itemId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('tracker_issues')
    .set({ failure_told_at: toStoredInstant(at) })
    .where('item_id', '=', itemId)
    .where('failure_told_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Claims telling `ownerId` that no tracker account matches theirs: false when this owner was told already. */
export async function claimUnassignedNotice(db: Kysely<Database>, itemId: string, ownerId: string): Promise<boolean> {
  const result = await db
    .updateTable('tracker_issues')
    .set({ unassigned_told_owner: ownerId })
    .where('item_id', '=', itemId)
    .where((eb) => eb.or([eb('unassigned_told_owner', 'is', null), eb('unassigned_told_owner', '<>', ownerId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records that a create is about to be sent: if its answer never comes back, the next try looks before creating. */
export async function markCreateTried(db: Kysely<Database>, itemId: string, at: Date): Promise<void> {
  await db.updateTable('tracker_issues').set({ create_tried_at: toStoredInstant(at) }).where('item_id', '=', itemId).execute();
}

/**
 * Records a state the tracker reported, only if the row still holds `known`: of two replicas (or
 * a webhook and the poll) seeing the same change, one records it. Returns whether this one did.
 */
export async function recordIssueState(db: Kysely<Database>, itemId: string, known: string | null, state: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('tracker_issues')
    .set({ issue_state: state, updated_at: toStoredInstant(at) })
    .where('item_id', '=', itemId)
    .where((eb) => (known === null ? eb('issue_state', 'is', null) : eb('issue_state', '=', known)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findIssueRow(db: Kysely<Database>, itemId: string): Promise<TrackerIssueRow | undefined> {
  return db.selectFrom('tracker_issues').selectAll().where('item_id', '=', itemId).executeTakeFirst();
}

export async function findIssueRowByKey(db: Kysely<Database>, tracker: string, key: string): Promise<TrackerIssueRow | undefined> {
  return db.selectFrom('tracker_issues').selectAll().where('tracker', '=', tracker).where('issue_key', '=', key).executeTakeFirst();
}

export async function deleteIssueRow(db: Kysely<Database>, itemId: string): Promise<void> {
  await db.deleteFrom('tracker_issues').where('item_id', '=', itemId).execute();
}
