import type { ExpressionBuilder, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { ActionItemsTable } from './action-items.table';
import { leaseIsFree } from '../db/lease';

export type ActionItemRow = Selectable<ActionItemsTable>;

/** The columns that hold an item's reminder state (see reminder-state.ts). */
export type ReminderColumns = Pick<
  ActionItemRow,
  'next_reminder_at' | 'next_reminder_kind' | 'overdue_reminders_sent' | 'reminder_failures' | 'owner_time_zone' | 'owner_dm_channel'
>;

export async function insertActionItem(db: Kysely<Database>, row: Insertable<ActionItemsTable>): Promise<void> {
  await db.insertInto('action_items').values(row).execute();
}

export async function findActionItem(db: Kysely<Database>, id: string): Promise<ActionItemRow | undefined> {
  return db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listActionItemsForIncident(db: Kysely<Database>, incidentId: string): Promise<ActionItemRow[]> {
  return db.selectFrom('action_items').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').orderBy('id').execute();
}

export async function updateActionItem(db: Kysely<Database>, id: string, changes: Updateable<ActionItemsTable>): Promise<void> {
  await db.updateTable('action_items').set(changes).where('id', '=', id).execute();
}

/** Applies the changes only while the item is open; false when it was closed meanwhile. */
export async function closeOpenActionItem(db: Kysely<Database>, id: string, changes: Updateable<ActionItemsTable>): Promise<boolean> {
  const result = await db.updateTable('action_items').set(changes).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Applies the changes only while the item is still closed as `status`; false when someone else reopened or changed it first. */
export async function reopenClosedActionItem(db: Kysely<Database>, id: string, status: string, changes: Updateable<ActionItemsTable>): Promise<boolean> {
  const result = await db.updateTable('action_items').set(changes).where('id', '=', id).where('status', '=', status).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the item's issue in the tracker, shown wherever the item is. */
export async function recordItemIssue(db: Kysely<Database>, id: string, issue: { label: string; url: string }): Promise<void> {
  await db.updateTable('action_items').set({ issue_label: issue.label, issue_url: issue.url }).where('id', '=', id).execute();
}

export async function deleteActionItem(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('action_items').where('id', '=', id).execute();
}

const claimable = (now: string) => (eb: ExpressionBuilder<Database, 'action_items'>) =>
  eb.and([
    eb('next_reminder_at', '<=', now),
    eb('status', '=', 'open'),
    leaseIsFree(eb, 'reminder_claimed_until', now),
  ]);

/** Open items whose reminder is due and unclaimed, oldest first; the index on next_reminder_at serves it. */
export function dueRemindersQuery(db: Kysely<Database>, now: string, limit: number) {
  return db
    .selectFrom('action_items')
    .select(['id', 'reminder_claimed_until'])
    .where(claimable(now))
    .orderBy('next_reminder_at')
    .limit(limit);
}

/** A due reminder, claimed: the row as it is now, and whether a claim was on it before (a send cut short). */
export interface ClaimedReminder {
  row: ActionItemRow;
  wasClaimed: boolean;
}

/**
 * Claims up to `limit` due reminders, oldest first, in two statements whatever the number: a read
 * by the `next_reminder_at` index, then one conditional update. The update checks each row again,
 * so of two pollers (or replicas) reaching for the same reminder only one gets it.
 */
export async function claimDueReminders(db: Kysely<Database>, now: string, until: string, limit: number): Promise<ClaimedReminder[]> {
  const due = await dueRemindersQuery(db, now, limit).execute();
  if (due.length === 0) return [];
  const claimed = await db
    .updateTable('action_items')
    .set({ reminder_claimed_until: until })
    .where('id', 'in', due.map((d) => d.id))
    .where(claimable(now))
    .returningAll()
    .execute();
  const before = new Map(due.map((d) => [d.id, d.reminder_claimed_until]));
  return claimed
    .sort((a, b) => ((a.next_reminder_at ?? '') < (b.next_reminder_at ?? '') ? -1 : 1))
    .map((row) => ({ row, wasClaimed: before.get(row.id) !== null && before.get(row.id) !== undefined }));
}

/**
 * Records what happened to a claimed reminder and releases the claim, only while the claim is
 * still ours: an edit meanwhile (reassigned, snoozed, re-dated) releases it, and its schedule wins.
 */
export async function finishReminder(db: Kysely<Database>, id: string, claim: string, changes: Partial<ReminderColumns>): Promise<void> {
  await db
    .updateTable('action_items')
    .set({ ...changes, reminder_claimed_until: null })
    .where('id', '=', id)
    .where('reminder_claimed_until', '=', claim)
    .execute();
}

/**
 * Records the item's DMs (see item-messages.ts). Written apart from the reminder's record, whose
 * claim an edit may have released meanwhile: a DM that was posted is the item's either way.
 */
export async function recordItemMessages(db: Kysely<Database>, id: string, dmMessages: string): Promise<void> {
  await db.updateTable('action_items').set({ dm_messages: dmMessages }).where('id', '=', id).execute();
}

/**
 * Open items whose next reminder is later than `after`: the few whose schedule may have been
 * worked out while the clock ran ahead. A due-date reminder is left out while it falls on or
 * before its due day, as almost all do however far ahead it is.
 */
export async function listRemindersLaterThan(db: Kysely<Database>, after: string, limit: number): Promise<ActionItemRow[]> {
  return db
    .selectFrom('action_items')
    .selectAll()
    .where('status', '=', 'open')
    .where('next_reminder_at', '>', after)
    .where((eb) => eb.or([eb('next_reminder_kind', '<>', 'due'), eb(eb.fn('substr', ['next_reminder_at', eb.val(1), eb.val(10)]), '>', eb.ref('due_date'))]))
    .orderBy('next_reminder_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Sets a reminder worked out again, unless it moved or was claimed since it was read. A claim
 * running out after `claimCeiling` was taken while the clock ran ahead, and is released.
 */
export async function replaceReminder(
  db: Kysely<Database>,
  id: string,
  expectedAt: string,
  now: string,
  claimCeiling: string,
  changes: Partial<ReminderColumns>,
): Promise<boolean> {
  const result = await db
    .updateTable('action_items')
    .set({ ...changes, reminder_claimed_until: null })
    .where('id', '=', id)
    .where('next_reminder_at', '=', expectedAt)
    .where((eb) => eb.or([leaseIsFree(eb, 'reminder_claimed_until', now), eb('reminder_claimed_until', '>', claimCeiling)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A person's open items, soonest due first. */
export async function listOpenItemsOwnedBy(db: Kysely<Database>, ownerId: string): Promise<ActionItemRow[]> {
  return db.selectFrom('action_items').selectAll().where('owner_id', '=', ownerId).where('status', '=', 'open').orderBy('due_date').orderBy('created_at').execute();
}

/** A person's items done since `since`, latest first: where their countermeasures' checks stand. */
export async function listDoneItemsOwnedBy(db: Kysely<Database>, ownerId: string, since: string, limit: number): Promise<ActionItemRow[]> {
  return db
    .selectFrom('action_items')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'done')
    .where('status_changed_at', '>=', since)
    .orderBy('status_changed_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
