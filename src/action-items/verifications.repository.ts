import type { ExpressionBuilder, Kysely, Updateable } from 'kysely';
import type { Database } from '../db/database';
import { leaseIsFree } from '../db/lease';
import type { ActionItemRow } from './action-items.repository';
import type { ActionItemsTable } from './action-items.table';

/*
 * The check that a done item works, in the `verify_*` columns of `action_items`. Every write is
 * conditional on the state it was worked out from, so of two replicas (or two clicks) one decides.
 */

/** Done items whose first ask is still to be worked out (in the owner's zone), oldest first. */
export async function listUnplannedChecks(db: Kysely<Database>, limit: number): Promise<ActionItemRow[]> {
  return db
    .selectFrom('action_items')
    .selectAll()
    .where('status', '=', 'done')
    .where('verification', '=', 'scheduled')
    .where('verify_at', 'is', null)
    .orderBy('status_changed_at')
    .limit(limit)
    .execute();
}

/** Sets when to ask, unless someone planned it, or reopened the item, meanwhile. */
export async function planCheck(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('action_items')
    .set({ verify_at: at })
    .where('id', '=', id)
    .where('status', '=', 'done')
    .where('verification', '=', 'scheduled')
    .where('verify_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const claimable = (now: string) => (eb: ExpressionBuilder<Database, 'action_items'>) =>
  eb.and([
    eb('verify_at', '<=', now),
    eb('verification', '=', 'scheduled'),
    eb('status', '=', 'done'),
    leaseIsFree(eb, 'verify_claimed_until', now),
  ]);

/** A due question, claimed: the row as it is now, and whether a claim was on it before (an ask cut short). */
export interface ClaimedCheck {
  row: ActionItemRow;
  wasClaimed: boolean;
}

/**
 * Claims up to `limit` due questions, oldest first: a read by the `verify_at` index, then one
 * conditional update that checks each row again, so of two replicas reaching for the same
 * question only one gets it. A claim left by a crash is free again once `until` has passed.
 */
export async function claimDueChecks(db: Kysely<Database>, now: string, until: string, limit: number): Promise<ClaimedCheck[]> {
  const due = await db
    .selectFrom('action_items')
    .select(['id', 'verify_claimed_until'])
    .where(claimable(now))
    .orderBy('verify_at')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  const claimed = await db
    .updateTable('action_items')
    .set({ verify_claimed_until: until })
    .where('id', 'in', due.map((d) => d.id))
    .where(claimable(now))
    .returningAll()
    .execute();
  const before = new Map(due.map((d) => [d.id, d.verify_claimed_until]));
  return claimed
    .sort((a, b) => ((a.verify_at ?? '') < (b.verify_at ?? '') ? -1 : 1))
    .map((row) => ({ row, wasClaimed: before.get(row.id) != null }));
}

/**
 * Records what came of a claimed question and releases the claim, only while the claim is still
 * ours: an item reopened meanwhile has had its check cleared, and stays so. False when it was not.
 */
export async function finishCheck(db: Kysely<Database>, id: string, claim: string, changes: Updateable<ActionItemsTable>): Promise<boolean> {
  const result = await db
    .updateTable('action_items')
    .set({ ...changes, verify_claimed_until: null })
    .where('id', '=', id)
    .where('verify_claimed_until', '=', claim)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records the question's DMs (see item-messages.ts) as each is posted, apart from the claim: a DM
 * that was posted is the check's either way, and is edited once someone answers.
 */
export async function recordCheckMessages(db: Kysely<Database>, id: string, messages: string): Promise<void> {
  await db.updateTable('action_items').set({ verify_messages: messages }).where('id', '=', id).execute();
}

/**
 * Records an answer to ask number `ask`, only while that question is still open and nobody's
 * answer is being applied (but `resuming`'s own, which they may apply again after a crash): of
 * two clicks, two people or two replicas, exactly one answer counts. False when another came first.
 */
export async function recordAnswer(
  db: Kysely<Database>,
  id: string,
  expected: { ask: number; resuming?: string },
  changes: Updateable<ActionItemsTable>,
): Promise<boolean> {
  const { ask, resuming } = expected;
  const result = await db
    .updateTable('action_items')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'done')
    .where('verification', '=', 'asked')
    .where('verify_asks', '=', ask)
    .where((eb) => (resuming ? eb.or([eb('verified_by', 'is', null), eb('verified_by', '=', resuming)]) : eb('verified_by', 'is', null)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
