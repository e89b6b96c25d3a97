import { addActionItem, editActionItem, removeActionItem, actionItem } from '../action-items/action-item-service';
import type { ReminderPort } from '../action-items/reminder-port';
import type { ActionItemInput } from '../action-items/validate-action-item';
import { AppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import type { PostmortemDeps } from './postmortem-deps';
import { requireMember } from '../incidents/require-member';

/** The post-mortem's action items, changed by members of the incident channel only. */
export async function addPostmortemActionItem(deps: PostmortemDeps, incidentId: string, input: ActionItemInput, userId: string, today: string) {
  await requireMember(deps.members, await loadIncident(deps.db, incidentId), userId, 'write its post-mortem');
  const id = await addActionItem(deps, incidentId, input, userId, today);
  await issueChanged(deps, id);
  return id;
}

/** Edits an item; when it changes hands, the previous owner is told (the new one gets the assignment DM). */
export async function editPostmortemActionItem(
  deps: PostmortemDeps,
  itemId: string,
  input: ActionItemInput,
  userId: string,
  today: string,
  reminders?: ReminderPort,
) {
  const item = await itemOrFail(deps, itemId);
  const incident = await loadIncident(deps.db, item.incidentId);
  await requireMember(deps.members, incident, userId, 'write its post-mortem');
  const before = await editActionItem(deps, itemId, input, today);
  const after = await itemOrFail(deps, itemId);
  await issueChanged(deps, itemId);
  if (reminders && before.ownerId !== after.ownerId && before.status === 'open') {
    await reminders.tellPreviousOwner(after, incident, before.ownerId).catch((err: unknown) =>
      deps.logger.warn({ err, itemId }, 'could not tell the previous owner'),
    );
  }
}

export async function removePostmortemActionItem(deps: PostmortemDeps, itemId: string, userId: string) {
  const item = await itemOrFail(deps, itemId);
  await requireMember(deps.members, await loadIncident(deps.db, item.incidentId), userId, 'write its post-mortem');
  await removeActionItem(deps, itemId);
  // Its issue, if it has one, is closed as not planned.
  await issueChanged(deps, itemId);
}

/** The item's issue follows the change, in the background; a failure to ask is logged, the change stands. */
async function issueChanged(deps: PostmortemDeps, itemId: string): Promise<void> {
  await deps.issues?.changed(itemId).catch((err: unknown) => deps.logger.warn({ err, itemId }, 'could not ask for the issue to follow'));
}

async function itemOrFail(deps: PostmortemDeps, itemId: string) {
  const item = await actionItem(deps.db, itemId);
  if (!item) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  return item;
}
