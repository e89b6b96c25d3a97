import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import type { ActionItem } from './action-item';
import { toActionItem } from './action-item-mapper';
import { findActionItem, updateActionItem } from './action-items.repository';
import { type ReminderState, closed, snoozed } from './reminder-state';
import { reminderUpdate, toReminderState } from './reminder-state-mapper';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

export const WONT_DO_REASON_MAX = 500;

/** The item and its incident, if this person may act on it: its owner or the incident commander. */
async function actionable(deps: Deps, itemId: string, userId: string): Promise<{ item: ActionItem; reminders: ReminderState; incident: Incident }> {
  const row = await findActionItem(deps.db, itemId);
  if (!row) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  const item = toActionItem(row);
  const incident = await loadIncident(deps.db, item.incidentId);
  if (userId !== item.ownerId && userId !== incident.commanderId) {
    throw new AppError('not_the_owner', "only the item's owner or the incident commander can change it.");
  }
  return { item, reminders: toReminderState(row), incident };
}

async function close(deps: Deps, itemId: string, userId: string, status: 'done' | 'wont_do', reason: string | null) {
  const { item, reminders, incident } = await actionable(deps, itemId, userId);
  if (item.status !== 'open') throw new AppError('item_closed', `that action item is already ${item.status === 'done' ? 'done' : "closed as won't do"}.`);
  const now = toStoredInstant(deps.clock.now());
  await updateActionItem(deps.db, itemId, {
    status,
    status_reason: reason,
    status_changed_by: userId,
    status_changed_at: now,
    ...reminderUpdate(reminders, closed(reminders)),
    updated_at: now,
  });
  return { before: item, item: toActionItem((await findActionItem(deps.db, itemId))!), incident };
}

/** Done: reminders stop. Returns the item as it is now and its incident. */
export function markDone(deps: Deps, itemId: string, userId: string) {
  return close(deps, itemId, userId, 'done', null);
}

/** Won't do, with the reason: reminders stop and the reason is kept with the item. */
export function markWontDo(deps: Deps, itemId: string, userId: string, reason: string) {
  const problem = wontDoReasonProblem(reason);
  if (problem) return Promise.reject(new AppError(problem.code, problem.message, { fields: { reason: problem.message } }));
  return close(deps, itemId, userId, 'wont_do', reason.trim());
}

/** What is wrong with a won't-do reason, or null: one is needed, and a short one. */
export function wontDoReasonProblem(reason: string): { code: 'reason_required' | 'reason_too_long'; message: string } | null {
  const trimmed = reason.trim();
  if (!trimmed) return { code: 'reason_required', message: "Say why it won't be done, so the post-mortem stays honest." };
  if (trimmed.length > WONT_DO_REASON_MAX) return { code: 'reason_too_long', message: `Keep the reason to ${WONT_DO_REASON_MAX} characters.` };
  return null;
}

/** Puts the next reminder off by a day or a week (see `snoozed`). */
export async function snooze(deps: Deps, itemId: string, userId: string, days: 1 | 7, policy: { hour: number; defaultTimeZone: string }) {
  const { reminders, incident } = await actionable(deps, itemId, userId);
  if (reminders.kind === 'closed') throw new AppError('item_closed', 'that action item is already closed.');
  const now = deps.clock.now();
  const after = snoozed(reminders, days, now, policy);
  await updateActionItem(deps.db, itemId, { ...reminderUpdate(reminders, after), updated_at: toStoredInstant(now) });
  return { item: toActionItem((await findActionItem(deps.db, itemId))!), incident, until: after.at };
}
