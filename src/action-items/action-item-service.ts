import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import { MAX_ACTION_ITEMS, type ActionItem } from './action-item';
import { toActionItem } from './action-item-mapper';
import {
  deleteActionItem,
  findActionItem,
  insertActionItem,
  listActionItemsForIncident,
  recordItemIssue,
  updateActionItem,
} from './action-items.repository';
import { type MessageLocation, parseItemMessages } from './item-messages';
import { assigned, reassigned, redated } from './reminder-state';
import { reminderColumns, reminderUpdate, toReminderState } from './reminder-state-mapper';
import { type ActionItemField, type ActionItemInput, normaliseUrl, validateActionItem } from './validate-action-item';
import { afterDaysChanged } from './verification-state';
import { changedVerificationColumns, toVerificationState } from './verification-state-mapper';

export class ActionItemInvalid extends AppError {
  constructor(fields: Partial<Record<ActionItemField, string>>) {
    super('invalid_action_item', Object.values(fields).join(' '), { fields: fields as Record<string, string> });
  }
}

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

function checked(input: ActionItemInput, today: string, keptDueDate: string | null = null) {
  const problems = validateActionItem(input, today, keptDueDate);
  if (Object.keys(problems).length > 0) throw new ActionItemInvalid(problems);
  return {
    description: input.description.trim(),
    owner_id: input.ownerId as string,
    due_date: input.dueDate as string,
    type: input.type as string,
    ticket_url: input.ticketUrl?.trim() ? normaliseUrl(input.ticketUrl) : null,
    // Left out, an edit keeps the item's choice (see `ActionItemInput`).
    ...(input.verifyAfterDays !== undefined ? { verify_after_days: input.verifyAfterDays } : {}),
  };
}

const TOO_MANY_ITEMS = `an incident can have at most ${MAX_ACTION_ITEMS} action items; merge some into larger ones.`;

async function hasRoomForItem(db: Kysely<Database>, incidentId: string): Promise<boolean> {
  return (await listActionItemsForIncident(db, incidentId)).length < MAX_ACTION_ITEMS;
}

export async function addActionItem(deps: Deps, incidentId: string, input: ActionItemInput, actorId: string, today: string): Promise<string> {
  const fields = checked(input, today);
  if (!(await hasRoomForItem(deps.db, incidentId))) throw new AppError('too_many_action_items', TOO_MANY_ITEMS);
  const id = randomUUID();
  const now = deps.clock.now();
  await insertActionItem(deps.db, {
    id,
    incident_id: incidentId,
    ...fields,
    status: 'open',
    ...reminderColumns(assigned(now)),
    verify_after_days: fields.verify_after_days ?? null,
    created_by: actorId,
    created_at: toStoredInstant(now),
    updated_at: toStoredInstant(now),
  });
  return id;
}

/**
 * Edits an item. A new owner gets the assignment DM and their own reminders (in their zone); a new
 * due date has the reminders worked out again. Returns the item as it was, so callers can tell
 * the previous owner.
 */
export async function editActionItem(deps: Deps, id: string, input: ActionItemInput, today: string): Promise<ActionItem> {
  const before = await findActionItem(deps.db, id);
  if (!before) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  // An overdue item keeps its past due date when edited (reassigned, say): only a new date must not be past.
  const fields = checked(input, today, before.due_date);
  const now = deps.clock.now();
  const reminders = toReminderState(before);
  const after =
    fields.owner_id !== before.owner_id
      ? reassigned(reminders, now)
      : fields.due_date !== before.due_date
        ? redated(reminders, now)
        : reminders;
  // A done item not asked about yet has its check worked out again for the new wait.
  const check = toVerificationState(before);
  const waitChanged = fields.verify_after_days !== undefined && fields.verify_after_days !== before.verify_after_days;
  const rechecked = waitChanged ? afterDaysChanged(check, fields.verify_after_days ?? null) : check;
  await updateActionItem(deps.db, id, {
    ...fields,
    updated_at: toStoredInstant(now),
    ...reminderUpdate(reminders, after),
    ...changedVerificationColumns(check, rechecked),
  });
  return toActionItem(before);
}

/**
 * What is wrong with an item about to be added to an incident or edited (`itemId`), field by
 * field: the same rules the service applies when it stores it (a full incident included), for a
 * form to show before it is acknowledged, so nothing typed is lost.
 */
export async function actionItemProblems(
  db: Kysely<Database>,
  input: ActionItemInput,
  today: string,
  target: { incidentId: string; itemId?: string },
): Promise<Partial<Record<ActionItemField, string>>> {
  const before = target.itemId ? await findActionItem(db, target.itemId) : undefined;
  const problems = validateActionItem(input, today, before?.due_date ?? null);
  if (!target.itemId && !problems.description && !(await hasRoomForItem(db, target.incidentId))) {
    problems.description = TOO_MANY_ITEMS.charAt(0).toUpperCase() + TOO_MANY_ITEMS.slice(1);
  }
  return problems;
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

/** The item with the DMs the bot posted about it: where a change to it may be shown. */
export async function actionItemWithMessages(db: Kysely<Database>, id: string): Promise<{ item: ActionItem; dmMessages: MessageLocation[] } | undefined> {
  const row = await findActionItem(db, id);
  return row ? { item: toActionItem(row), dmMessages: parseItemMessages(row.dm_messages) } : undefined;
}

/** Records the item's issue in the team's tracker: every place that shows the item shows it from now on. */
export async function linkItemIssue(db: Kysely<Database>, id: string, issue: { label: string; url: string }): Promise<void> {
  await recordItemIssue(db, id, issue);
}
