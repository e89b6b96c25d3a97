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
import { dayIn, reminderInstant } from './reminder-schedule';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

export const WONT_DO_REASON_MAX = 500;

/** The item and its incident, if this person may act on it: its owner or the incident commander. */
async function actionable(deps: Deps, itemId: string, userId: string): Promise<{ item: ActionItem; incident: Incident }> {
  const row = await findActionItem(deps.db, itemId);
  if (!row) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  const item = toActionItem(row);
  const incident = await loadIncident(deps.db, item.incidentId);
  if (userId !== item.ownerId && userId !== incident.commanderId) {
    throw new AppError('not_the_owner', "only the item's owner or the incident commander can change it.");
  }
  return { item, incident };
}

async function close(deps: Deps, itemId: string, userId: string, status: 'done' | 'wont_do', reason: string | null) {
  const { item, incident } = await actionable(deps, itemId, userId);
  if (item.status !== 'open') throw new AppError('item_closed', `that action item is already ${item.status === 'done' ? 'done' : "closed as won't do"}.`);
  const now = toStoredInstant(deps.clock.now());
  await updateActionItem(deps.db, itemId, {
    status,
    status_reason: reason,
    status_changed_by: userId,
    status_changed_at: now,
    next_reminder_at: null,
    next_reminder_kind: null,
    reminder_claimed_until: null,
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

/**
 * Puts the next reminder off by a day or a week: to that day at the reminder hour in the owner's
 * zone, counted from the reminder that was coming (an item not due yet has its due-date reminder
 * moved, not turned into an overdue one).
 */
export async function snooze(deps: Deps, itemId: string, userId: string, days: 1 | 7, policy: { hour: number; defaultTimeZone: string }) {
  const { item, incident } = await actionable(deps, itemId, userId);
  if (item.status !== 'open') throw new AppError('item_closed', 'that action item is already closed.');
  const row = (await findActionItem(deps.db, itemId))!;
  const timeZone = row.owner_time_zone ?? policy.defaultTimeZone;
  const now = deps.clock.now();
  const coming = row.next_reminder_at ? new Date(row.next_reminder_at) : now;
  const base = coming > now ? coming : now;
  const day = dayIn(new Date(base.getTime() + days * 86_400_000), timeZone);
  const next = reminderInstant(day, policy.hour, timeZone);
  await updateActionItem(deps.db, itemId, {
    next_reminder_at: toStoredInstant(next),
    next_reminder_kind: row.next_reminder_kind === 'overdue' ? 'overdue' : 'due',
    reminder_claimed_until: null,
    updated_at: toStoredInstant(now),
  });
  return { item: toActionItem((await findActionItem(deps.db, itemId))!), incident, until: next };
}
