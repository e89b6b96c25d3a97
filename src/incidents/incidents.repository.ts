import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { IncidentsTable } from './incidents.table';

export type IncidentRow = Selectable<IncidentsTable>;

export async function insertIncident(db: Kysely<Database>, row: Insertable<IncidentsTable>): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function findIncidentById(db: Kysely<Database>, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIncidentByRequestKey(db: Kysely<Database>, key: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('request_key', '=', key).executeTakeFirst();
}

export async function findIncidentByChannel(db: Kysely<Database>, channelId: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
}

/** Incidents not yet resolved, most severe first, then newest. */
export async function listOpenIncidents(db: Kysely<Database>): Promise<IncidentRow[]> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('status', '!=', 'resolved')
    .where('channel_id', 'is not', null)
    .orderBy('severity')
    .orderBy('declared_at', 'desc')
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
