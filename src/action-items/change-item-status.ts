import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import type { ActionItem } from './action-item';
import { toActionItem } from './action-item-mapper';
import { type ActionItemRow, closeOpenActionItem, findActionItem, reopenClosedActionItem, updateActionItem } from './action-items.repository';
import { type MessageLocation, parseItemMessages } from './item-messages';
import { dayAfter } from './reminder-schedule';
import { type ReminderState, type SnoozeDays, closed, reopened, snoozeDaysFrom, snoozed, snoozedTo } from './reminder-state';
import { calendarDay, isCalendarDay } from '../zoned-time';
import { reminderUpdate, toReminderState } from './reminder-state-mapper';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

export const WONT_DO_REASON_MAX = 500;

/**
 * The item and its incident, if this person may act on it: its owner or the incident commander.
 * `dmMessages` are the item's own DMs: the only messages a change to it may be shown in.
 */
async function actionable(
  deps: Deps,
  itemId: string,
  userId: string,
): Promise<{ item: ActionItem; row: ActionItemRow; reminders: ReminderState; incident: Incident; dmMessages: MessageLocation[] }> {
  const row = await findActionItem(deps.db, itemId);
  if (!row) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  const item = toActionItem(row);
  const incident = await loadIncident(deps.db, item.incidentId);
  if (userId !== item.ownerId && userId !== incident.commanderId) {
    throw new AppError('not_the_owner', "only the item's owner or the incident commander can change it.");
  }
  return { item, row, reminders: toReminderState(row), incident, dmMessages: parseItemMessages(row.dm_messages) };
}

async function close(deps: Deps, itemId: string, userId: string, status: 'done' | 'wont_do', reason: string | null) {
  const { item, incident, dmMessages, row } = await actionable(deps, itemId, userId);
  if (item.status !== 'open') throw new AppError('item_closed', `that action item is already ${item.status === 'done' ? 'done' : "closed as won't do"}.`);
  const closedNow = await closeRow(deps, row, status, reason, userId);
  if (!closedNow) throw new AppError('item_closed', 'that action item was closed a moment ago.');
  return { before: item, item: toActionItem((await findActionItem(deps.db, itemId))!), incident, dmMessages };
}

/** Closes the item's row while it is open: of two clicks at once (two replicas, done and won't do), one wins. */
async function closeRow(deps: Deps, row: ActionItemRow, status: 'done' | 'wont_do', reason: string | null, by: string | null): Promise<boolean> {
  const reminders = toReminderState(row);
  const now = toStoredInstant(deps.clock.now());
  return closeOpenActionItem(deps.db, row.id, {
    status,
    status_reason: reason,
    status_changed_by: by,
    status_changed_at: now,
    ...reminderUpdate(reminders, closed(reminders)),
    // A done item's countermeasure is checked later; the verification job works out when, in the owner's zone.
    ...(status === 'done' ? { verification: row.verify_after_days === 0 ? 'not_needed' : 'scheduled', verify_at: null, verify_asks: 0 } : {}),
    updated_at: now,
  });
}

/**
 * Closes an item because its issue was closed in the tracker, by whoever closed it there (no
 * Slack user: nobody in Slack is checked for). Returns null when the item was not open (closed
 * in Slack meanwhile, or a second report of the same change), so callers say nothing twice.
 */
export async function closeFromTracker(deps: Deps, itemId: string, status: 'done' | 'wont_do', reason: string | null) {
  const row = await findActionItem(deps.db, itemId);
  if (!row || row.status !== 'open') return null;
  if (!(await closeRow(deps, row, status, reason, null))) return null;
  const item = toActionItem((await findActionItem(deps.db, itemId))!);
  return { before: toActionItem(row), item, incident: await loadIncident(deps.db, item.incidentId), dmMessages: parseItemMessages(row.dm_messages) };
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

/** Who reopened an item: a person in Slack, or someone in the tracker (as the tracker names them). */
export type Reopener = { userId: string } | { tracker: string; name: string | null };

/**
 * Opens a done or won't-do item again: reminders start again, and the check that it works is
 * forgotten until it is done again. `dueDate` replaces a due date that has passed (the "not
 * effective" answer sets a new one); `note` says why. Returns null when the item was open already
 * (a replay, or a second click), so callers say nothing twice.
 */
export async function reopenItem(deps: Deps, itemId: string, by: Reopener, change: { dueDate?: string; note?: string } = {}) {
  const row = await findActionItem(deps.db, itemId);
  if (!row) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  if (row.status === 'open') return null;
  const reminders = toReminderState(row);
  const now = toStoredInstant(deps.clock.now());
  const reopenedNow = await reopenClosedActionItem(deps.db, itemId, row.status, {
    status: 'open',
    status_reason: null,
    status_changed_by: 'userId' in by ? by.userId : null,
    status_changed_at: now,
    ...(change.dueDate ? { due_date: change.dueDate } : {}),
    ...(change.note !== undefined ? { verification_note: change.note } : {}),
    ...reminderUpdate(reminders, reopened(reminders, deps.clock.now())),
    verification: null,
    verify_at: null,
    verify_asks: 0,
    verify_claimed_until: null,
    verified_by: null,
    verified_at: null,
    updated_at: now,
  });
  if (!reopenedNow) return null;
  const item = toActionItem((await findActionItem(deps.db, itemId))!);
  return { before: toActionItem(row), item, incident: await loadIncident(deps.db, item.incidentId), dmMessages: parseItemMessages(row.dm_messages) };
}

/**
 * A snooze button's request: a day or a week, and the day the button named (null on buttons of
 * messages sent before they named one: those snooze from the coming reminder, see `snoozed`).
 */
export interface SnoozeRequest {
  days: 1 | 7;
  day: string | null;
}

/**
 * Puts the next reminder off to the day the button named (see `snoozedTo`), so a double click or
 * a replay snoozes once. Returns, with the item, when the reminder now comes and the days the
 * message's snooze buttons name from now on: the same ones, when the button named a day.
 */
export async function snooze(deps: Deps, itemId: string, userId: string, request: SnoozeRequest, policy: { hour: number; defaultTimeZone: string }) {
  if (request.day !== null && !isCalendarDay(request.day)) throw new AppError('invalid_input', 'that snooze button names no day.');
  const { reminders, incident, dmMessages } = await actionable(deps, itemId, userId);
  if (reminders.kind === 'closed') throw new AppError('item_closed', 'that action item is already closed.');
  const now = deps.clock.now();
  // A button names at most a week past the reminder it came with; a day further off is forged, and
  // would silence the reminders (and the commander's escalation) for as long as it says.
  const latest = dayAfter(calendarDay(reminders.at && reminders.at > now ? reminders.at : now, reminders.ownerTimeZone ?? policy.defaultTimeZone), 8);
  if (request.day !== null && request.day > latest) throw new AppError('invalid_input', 'that snooze button names a day too far off; snooze again from the latest reminder.');
  const after = request.day === null ? snoozed(reminders, request.days, now, policy) : snoozedTo(reminders, request.day, now, policy);
  await updateActionItem(deps.db, itemId, { ...reminderUpdate(reminders, after), updated_at: toStoredInstant(now) });
  const from = request.day === null ? calendarDay(after.at, reminders.ownerTimeZone ?? policy.defaultTimeZone) : dayAfter(request.day, -request.days);
  const buttons: SnoozeDays = snoozeDaysFrom(from);
  return { item: toActionItem((await findActionItem(deps.db, itemId))!), incident, until: after.at, snooze: buttons, dmMessages };
}
