import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { StoredInstant } from '../db/instant';
import type { IncidentsTable } from './incidents.table';
import { leaseIsFree } from '../db/lease';

export type IncidentRow = Selectable<IncidentsTable>;

export async function insertIncident(db: Kysely<Database>, row: Insertable<IncidentsTable>): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function findIncidentById(db: Kysely<Database>, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIncidentsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<IncidentRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute();
}

export async function findIncidentByRequestKey(db: Kysely<Database>, key: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('request_key', '=', key).executeTakeFirst();
}

export async function findIncidentByChannel(db: Kysely<Database>, channelId: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
}

/** Incidents set up and not yet resolved, most severe first, then newest. */
export async function listOpenIncidents(db: Kysely<Database>): Promise<IncidentRow[]> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('status', 'not in', ['resolved', 'postmortem_published'])
    .where('setup_completed_at', 'is not', null)
    .orderBy('severity')
    .orderBy('declared_at', 'desc')
    .execute();
}

/** Incidents resolved (and not yet published) since `since`, of these severities. */
export async function listResolvedSince(db: Kysely<Database>, since: StoredInstant, severities: readonly string[]): Promise<IncidentRow[]> {
  if (severities.length === 0) return [];
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('status', '=', 'resolved')
    .where('resolved_at', '>=', since)
    .where('severity', 'in', [...severities])
    .orderBy('resolved_at')
    .execute();
}

export async function updateIncident(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<IncidentsTable>,
): Promise<void> {
  await db.updateTable('incidents').set(changes).where('id', '=', id).execute();
}

export async function deleteIncident(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('incidents').where('id', '=', id).execute();
}

/**
 * Takes the set-up lease when nobody holds a live one: a conditional update, so exactly one
 * process (or replica) wins. Returns whether this caller holds it until `until`.
 */
export async function claimSetupLease(db: Kysely<Database>, id: string, now: StoredInstant, until: StoredInstant): Promise<boolean> {
  const result = await db
    .updateTable('incidents')
    .set({ setup_lease_until: until })
    .where('id', '=', id)
    .where('setup_completed_at', 'is', null)
    .where((eb) => leaseIsFree(eb, 'setup_lease_until', now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Incidents whose set-up stopped part-way (a crash, a refusal) and that nobody is working on. */
export async function listStalledSetups(db: Kysely<Database>, now: StoredInstant, createdBefore: StoredInstant): Promise<IncidentRow[]> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('setup_completed_at', 'is', null)
    .where('created_at', '<', createdBefore)
    .where((eb) => leaseIsFree(eb, 'setup_lease_until', now))
    .orderBy('created_at')
    .execute();
}

/** Incidents whose post-mortem reminder is due now. */
export async function listDueNudges(db: Kysely<Database>, now: StoredInstant): Promise<IncidentRow[]> {
  return db.selectFrom('incidents').selectAll().where('postmortem_nudge_at', '<=', now).orderBy('postmortem_nudge_at').execute();
}

/**
 * Claims one reminder: moves its time on from `expected` to `next` only if nobody did first, so
 * two replicas (or a restart) never send the same reminder twice.
 */
export async function claimNudge(db: Kysely<Database>, id: string, expected: StoredInstant, next: StoredInstant | null): Promise<boolean> {
  const result = await db
    .updateTable('incidents')
    .set({ postmortem_nudge_at: next })
    .where('id', '=', id)
    .where('postmortem_nudge_at', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
