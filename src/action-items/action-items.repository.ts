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
