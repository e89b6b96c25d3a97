import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { fromStoredInstant, toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import type { ActionItem, ActionItemStatus, ActionItemType } from './action-item';
import {
  type ActionItemRow,
  deleteActionItem,
  findActionItem,
  insertActionItem,
  listActionItemsForIncident,
  updateActionItem,
} from './action-items.repository';
import { type ActionItemField, type ActionItemInput, validateActionItem } from './validate-action-item';

export function toActionItem(row: ActionItemRow): ActionItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    description: row.description,
    ownerId: row.owner_id,
    dueDate: row.due_date,
    type: row.type as ActionItemType,
    ticketUrl: row.ticket_url,
    status: row.status as ActionItemStatus,
    createdBy: row.created_by,
    createdAt: fromStoredInstant(row.created_at),
  };
}

export class ActionItemInvalid extends AppError {
  constructor(readonly fields: Partial<Record<ActionItemField, string>>) {
    super('invalid_action_item', Object.values(fields).join(' '));
  }
}

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

function checked(input: ActionItemInput, today: string) {
  const problems = validateActionItem(input, today);
  if (Object.keys(problems).length > 0) throw new ActionItemInvalid(problems);
  return {
    description: input.description.trim(),
    owner_id: input.ownerId as string,
    due_date: input.dueDate as string,
    type: input.type as string,
    ticket_url: input.ticketUrl?.trim() || null,
  };
}

export async function addActionItem(deps: Deps, incidentId: string, input: ActionItemInput, actorId: string, today: string): Promise<string> {
  const id = randomUUID();
  const now = toStoredInstant(deps.clock.now());
  await insertActionItem(deps.db, {
    id,
    incident_id: incidentId,
    ...checked(input, today),
    status: 'open',
    created_by: actorId,
    created_at: now,
    updated_at: now,
  });
  return id;
}

export async function editActionItem(deps: Deps, id: string, input: ActionItemInput, today: string): Promise<void> {
  if (!(await findActionItem(deps.db, id))) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  await updateActionItem(deps.db, id, { ...checked(input, today), updated_at: toStoredInstant(deps.clock.now()) });
}

export async function removeActionItem(deps: Deps, id: string): Promise<void> {
  await deleteActionItem(deps.db, id);
}

export async function actionItemsFor(db: Kysely<Database>, incidentId: string): Promise<ActionItem[]> {
  return (await listActionItemsForIncident(db, incidentId)).map(toActionItem);
}

export async function actionItem(db: Kysely<Database>, id: string): Promise<ActionItem | undefined> {
  const row = await findActionItem(db, id);
  return row ? toActionItem(row) : undefined;
}
