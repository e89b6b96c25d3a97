import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { ActionItemsTable } from './action-items.table';

export type ActionItemRow = Selectable<ActionItemsTable>;

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

export async function deleteActionItem(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('action_items').where('id', '=', id).execute();
}

/** Open items whose reminder is due, oldest first; the index on next_reminder_at serves it. */
export async function listDueReminders(db: Kysely<Database>, now: string, limit: number): Promise<ActionItemRow[]> {
  return db
    .selectFrom('action_items')
    .selectAll()
    .where('next_reminder_at', '<=', now)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('reminder_claimed_until', 'is', null), eb('reminder_claimed_until', '<', now)]))
    .orderBy('next_reminder_at')
    .limit(limit)
    .execute();
}

/**
 * Claims one reminder for sending: a conditional update that only one poller (or replica) can
 * win, and only while the reminder is still the one that was read.
 */
export async function claimReminder(db: Kysely<Database>, id: string, scheduled: string, now: string, until: string): Promise<boolean> {
  const result = await db
    .updateTable('action_items')
    .set({ reminder_claimed_until: until })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('next_reminder_at', '=', scheduled)
    .where((eb) => eb.or([eb('reminder_claimed_until', 'is', null), eb('reminder_claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records what happened to a claimed reminder and releases the claim, only while the claim is
 * still ours: an edit meanwhile (reassigned, snoozed, re-dated) releases it, and its schedule wins.
 */
export async function finishReminder(db: Kysely<Database>, id: string, claim: string, changes: Updateable<ActionItemsTable>): Promise<void> {
  await db
    .updateTable('action_items')
    .set({ ...changes, reminder_claimed_until: null })
    .where('id', '=', id)
    .where('reminder_claimed_until', '=', claim)
    .execute();
}

/** A person's open items, soonest due first. */
export async function listOpenItemsOwnedBy(db: Kysely<Database>, ownerId: string): Promise<ActionItemRow[]> {
  return db.selectFrom('action_items').selectAll().where('owner_id', '=', ownerId).where('status', '=', 'open').orderBy('due_date').orderBy('created_at').execute();
}
