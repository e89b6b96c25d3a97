import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/database';
import { type StoredInstant, toStoredInstant } from '../db/instant';
import { leaseIsFree } from '../db/lease';
import type { AlertGroupAlertsTable, AlertGroupsTable, AlertNotificationsTable } from './alerts.table';

export type AlertNotificationRow = Selectable<AlertNotificationsTable>;
export type AlertGroupRow = Selectable<AlertGroupsTable>;
export type AlertRow = Selectable<AlertGroupAlertsTable>;

const changed = (result: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint }) =>
  Number(result.numUpdatedRows ?? result.numInsertedOrUpdatedRows ?? 0n) > 0;

/**
 * Stores a notification; false when the same delivery is already stored (a retry). The same body
 * long after the first was handled is news again (a generic alert firing again the next night
 * sends identical JSON): the row is taken up anew.
 */
export async function insertNotification(db: Kysely<Database>, row: Insertable<AlertNotificationsTable>, anewIfHandledBefore: StoredInstant): Promise<boolean> {
  const result = await db
    .insertInto('alert_notifications')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ received_at: row.received_at, payload: row.payload, handled_at: null, outcome: null, attempts: 0, retry_at: null })
        .where('alert_notifications.handled_at', 'is not', null)
        .where('alert_notifications.received_at', '<', anewIfHandledBefore),
    )
    .executeTakeFirst();
  return changed(result);
}

/** Notifications not yet handled whose retry (if any) is due, oldest first. */
export async function pendingNotifications(db: Kysely<Database>, now: StoredInstant, limit: number): Promise<AlertNotificationRow[]> {
  return db
    .selectFrom('alert_notifications')
    .selectAll()
    .where('handled_at', 'is', null)
    .where((eb) => eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', now)]))
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * A group's notifications not yet handled, in the order they arrived, up to the first one whose
 * retry is not due: a later notification is never applied before an earlier one.
 */
export async function pendingForGroup(db: Kysely<Database>, groupHash: string, now: StoredInstant): Promise<AlertNotificationRow[]> {
  const rows = await db
    .selectFrom('alert_notifications')
    .selectAll()
    .where('group_hash', '=', groupHash)
    .where('handled_at', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  const waiting = rows.findIndex((row) => row.retry_at !== null && row.retry_at > now);
  return waiting === -1 ? rows : rows.slice(0, waiting);
}

export async function markNotificationHandled(db: Kysely<Database>, id: string, at: Date, outcome: string): Promise<void> {
  await db
    .updateTable('alert_notifications')
    .set((eb) => ({ handled_at: toStoredInstant(at), outcome, payload: null, retry_at: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt; returns the attempts so far. */
export async function markNotificationFailed(db: Kysely<Database>, id: string, retryAt: (attempts: number) => Date): Promise<number> {
  const row = await db.selectFrom('alert_notifications').select('attempts').where('id', '=', id).executeTakeFirst();
  const attempts = (row?.attempts ?? 0) + 1;
  await db.updateTable('alert_notifications').set({ attempts, retry_at: toStoredInstant(retryAt(attempts)) }).where('id', '=', id).execute();
  return attempts;
}

/** Gives up on a notification that kept failing: kept, marked handled, for the record. */
export async function giveUpNotification(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('alert_notifications').set({ handled_at: toStoredInstant(at), outcome: 'failed', retry_at: null }).where('id', '=', id).execute();
}

/** Forgets handled notifications received before `before`. */
export async function pruneNotifications(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('alert_notifications')
    .where('handled_at', 'is not', null)
    .where('received_at', '<', toStoredInstant(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Creates the group's row unless it exists. */
export async function ensureGroup(db: Kysely<Database>, row: Insertable<AlertGroupsTable>): Promise<void> {
  await db.insertInto('alert_groups').values(row).onConflict((oc) => oc.column('group_hash').doNothing()).execute();
}

export async function findGroupByHash(db: Kysely<Database>, groupHash: string): Promise<AlertGroupRow | undefined> {
  return db.selectFrom('alert_groups').selectAll().where('group_hash', '=', groupHash).executeTakeFirst();
}

export async function findGroupById(db: Kysely<Database>, id: string): Promise<AlertGroupRow | undefined> {
  return db.selectFrom('alert_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateGroup(db: Kysely<Database>, id: string, changes: Updateable<AlertGroupsTable>): Promise<void> {
  await db.updateTable('alert_groups').set(changes).where('id', '=', id).execute();
}

/**
 * Links a group to an incident unless it already belongs to another: a conditional update, so two
 * people declaring from the same offer at once create one link. Returns whether this caller linked it.
 */
export async function linkGroup(db: Kysely<Database>, id: string, incidentId: string, at: StoredInstant): Promise<boolean> {
  const result = await db
    .updateTable('alert_groups')
    .set({ state: 'linked', incident_id: incidentId, updated_at: at })
    .where('id', '=', id)
    .where('incident_id', 'is', null)
    .executeTakeFirst();
  return changed(result);
}

/** Takes a group for handling while nobody else holds it. */
export async function claimGroupLease(db: Kysely<Database>, groupHash: string, now: StoredInstant, until: StoredInstant): Promise<boolean> {
  const result = await db
    .updateTable('alert_groups')
    .set({ lease_until: until })
    .where('group_hash', '=', groupHash)
    .where((eb) => leaseIsFree(eb, 'lease_until', now))
    .executeTakeFirst();
  return changed(result);
}

/** Lets the group go, if this process still holds it: a lease that ran out and was taken over stays with its new holder. */
export async function releaseGroupLease(db: Kysely<Database>, groupHash: string, heldUntil: StoredInstant): Promise<void> {
  await db.updateTable('alert_groups').set({ lease_until: null }).where('group_hash', '=', groupHash).where('lease_until', '=', heldUntil).execute();
}

export async function alertsOfGroup(db: Kysely<Database>, groupId: string): Promise<AlertRow[]> {
  return db.selectFrom('alert_group_alerts').selectAll().where('group_id', '=', groupId).orderBy('starts_at').orderBy('fingerprint').execute();
}

export async function alertsOfGroups(db: Kysely<Database>, groupIds: readonly string[]): Promise<AlertRow[]> {
  if (groupIds.length === 0) return [];
  return db.selectFrom('alert_group_alerts').selectAll().where('group_id', 'in', groupIds).orderBy('starts_at').orderBy('fingerprint').execute();
}

export async function upsertAlert(db: Kysely<Database>, row: Insertable<AlertGroupAlertsTable>): Promise<void> {
  const { group_id: _g, fingerprint: _f, ...rest } = row;
  await db
    .insertInto('alert_group_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['group_id', 'fingerprint']).doUpdateSet(rest))
    .execute();
}

export async function groupsOfIncident(db: Kysely<Database>, incidentId: string): Promise<AlertGroupRow[]> {
  return db.selectFrom('alert_groups').selectAll().where('incident_id', '=', incidentId).orderBy('first_received_at').execute();
}

export async function linkedGroupsOfIncidents(db: Kysely<Database>, incidentIds: readonly string[]): Promise<AlertGroupRow[]> {
  if (incidentIds.length === 0) return [];
  return db.selectFrom('alert_groups').selectAll().where('state', '=', 'linked').where('incident_id', 'in', incidentIds).execute();
}

/** How many offers were posted in the channel since `since`: the storm limit counts them. */
export async function countOffersSince(db: Kysely<Database>, channelId: string, since: StoredInstant): Promise<number> {
  const row = await db
    .selectFrom('alert_groups')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('channel_id', '=', channelId)
    .where('offered_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Groups held back in the channel since `since`, oldest first. */
export async function heldGroupsSince(db: Kysely<Database>, channelId: string, since: StoredInstant): Promise<AlertGroupRow[]> {
  return db
    .selectFrom('alert_groups')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('held_at', '>=', since)
    .orderBy('held_at')
    .execute();
}

/** Records "not an incident" on a group still waiting for a person; false when someone decided first. */
export async function declineGroup(db: Kysely<Database>, id: string, by: string, reason: string, at: StoredInstant): Promise<boolean> {
  const result = await db
    .updateTable('alert_groups')
    .set({ state: 'declined', declined_by: by, declined_reason: reason, declined_at: at, updated_at: at })
    .where('id', '=', id)
    .where('state', 'in', ['offered', 'held'])
    .executeTakeFirst();
  return changed(result);
}

/** Forgets a group's alerts that had resolved before `before`: a round of firing that is over. */
export async function deleteResolvedAlertsBefore(db: Kysely<Database>, groupId: string, before: StoredInstant): Promise<void> {
  await db.deleteFrom('alert_group_alerts').where('group_id', '=', groupId).where('status', '=', 'resolved').where('ends_at', '<', before).execute();
}

/** Forgets groups no notification has touched since `before` and that belong to no incident, with their alerts. */
export async function pruneIdleGroups(db: Kysely<Database>, before: StoredInstant): Promise<number> {
  const idle = await db.selectFrom('alert_groups').select('id').where('last_received_at', '<', before).where('state', '!=', 'linked').execute();
  const ids = idle.map((g) => g.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('alert_group_alerts').where('group_id', 'in', ids).execute();
  await db.deleteFrom('alert_groups').where('id', 'in', ids).execute();
  return ids.length;
}
