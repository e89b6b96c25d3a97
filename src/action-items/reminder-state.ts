import type { Config } from '../config';
import { calendarDay } from '../zoned-time';
import type { ReminderKind } from './action-item';
import { afterWorkingDays, dayAfter, longestWaitDays, nextReminderHour, reminderInstant, retryDelayMs } from './reminder-schedule';

/**
 * Where an item's reminders stand. An item starts `assigned` (the assignment DM is due at once),
 * then waits for its `due`-date reminder, then sends `overdue` follow-ups until it is closed; the
 * commander is told at the policy's count of overdue ones. `reschedule` waits for the poller to
 * work the schedule out again after the due date moved. Every change is one of the pure
 * transitions below; the services only load, apply and store. A transition that does not apply
 * (reassigning a closed item, say) returns the very state it was given, so a caller can tell.
 */
export type ReminderState = ScheduledReminder | UnreachableOwner | ClosedReminders;

/** The states an open item can be in. */
export type OpenReminders = ScheduledReminder | UnreachableOwner;

/** A reminder is coming: `kind` at `at`. */
export interface ScheduledReminder extends ReminderFacts {
  kind: ReminderKind;
  at: Date;
}

/** The owner's account cannot receive DMs: none is sent until a new owner or due date starts them again. */
export interface UnreachableOwner extends ReminderFacts {
  kind: 'owner_unreachable';
  at: null;
}

/** Done or won't do: none is sent, for good. */
export interface ClosedReminders extends ReminderFacts {
  kind: 'closed';
  at: null;
}

interface ReminderFacts {
  /** Overdue reminders sent for this owner and due date; part of each reminder's key. */
  overdueSent: number;
  /** Failed tries at the coming reminder in a row: sets the back-off, and makes the next try check the DM first. */
  failures: number;
  /** Learnt from the chat at the first reminder; forgotten when the item changes hands. */
  ownerTimeZone: string | null;
  ownerDmChannel: string | null;
}

export type ReminderPolicy = Pick<Config['reminders'], 'hour' | 'overdueEveryWorkingDays' | 'escalateAfter'>;

/** When to send what, worked out in the owner's zone. */
export interface ReminderContext {
  /** The item's due day, `yyyy-MM-dd`, in the owner's own calendar. */
  dueDate: string;
  now: Date;
  timeZone: string;
  policy: ReminderPolicy;
}

const DAY_MS = 86_400_000;

export function isScheduled(state: ReminderState): state is ScheduledReminder {
  return state.at !== null;
}

/** A new item: the assignment DM goes out at the next poll, and schedules the rest. */
export function assigned(now: Date): ScheduledReminder {
  return { kind: 'assigned', at: now, overdueSent: 0, failures: 0, ownerTimeZone: null, ownerDmChannel: null };
}

/** A new owner starts again from the assignment DM, in their own zone. A closed item stays closed. */
export function reassigned(state: ReminderState, now: Date): ReminderState {
  return state.kind === 'closed' ? state : assigned(now);
}

/**
 * The due date moved: the poller works the reminders out again at once. An owner not yet told of
 * the item still gets the assignment DM first, which schedules the rest.
 */
export function redated(state: ReminderState, now: Date): ReminderState {
  if (state.kind === 'closed') return state;
  return { ...state, kind: state.kind === 'assigned' ? 'assigned' : 'reschedule', at: now, overdueSent: 0 };
}

/**
 * Puts the next reminder off by `days`: to that day at the reminder hour in the owner's zone,
 * counted from the reminder that was coming if it is later than now. An item not due yet has its
 * due-date reminder moved, not turned into an overdue one. This is what a snooze button that
 * names no day does (messages sent before the buttons named one); repeated, it adds up.
 */
export function snoozed(
  state: OpenReminders,
  days: number,
  now: Date,
  policy: Pick<Config['reminders'], 'hour' | 'defaultTimeZone'>,
): ScheduledReminder {
  const timeZone = state.ownerTimeZone ?? policy.defaultTimeZone;
  const base = state.at && state.at > now ? state.at : now;
  const day = calendarDay(new Date(base.getTime() + days * DAY_MS), timeZone);
  return snoozedUntil(state, reminderInstant(day, policy.hour, timeZone));
}

/** The days a message's "Snooze 1 day" and "Snooze 1 week" name, fixed when it is rendered. */
export interface SnoozeDays {
  day: string;
  week: string;
}

/** The snooze days counted from a calendar day (`yyyy-MM-dd`). */
export function snoozeDaysFrom(day: string): SnoozeDays {
  return { day: dayAfter(day, 1), week: dayAfter(day, 7) };
}

/**
 * The snooze days for a message about to be sent, counted (as `snoozed` counts) from the reminder
 * that will come after it, or from now if that has passed, in the owner's zone.
 */
export function snoozeDaysAfter(next: ScheduledReminder, now: Date, timeZone: string): SnoozeDays {
  return snoozeDaysFrom(calendarDay(next.at > now ? next.at : now, timeZone));
}

/**
 * Snoozes to the day the button named: the next reminder comes that day at the reminder hour in
 * the owner's zone, so a double click or a replay gives the same result as one click. A day whose
 * reminder hour has passed (a button on an old message) is not refused: the owner asked for quiet
 * until then, so the reminder comes at the next reminder hour instead, which repeats give as well.
 */
export function snoozedTo(
  state: OpenReminders,
  day: string,
  now: Date,
  policy: Pick<Config['reminders'], 'hour' | 'defaultTimeZone'>,
): ScheduledReminder {
  const timeZone = state.ownerTimeZone ?? policy.defaultTimeZone;
  const stated = reminderInstant(day, policy.hour, timeZone);
  const at = stated > now ? stated : nextReminderHour(now, policy.hour, timeZone);
  return snoozedUntil(state, at);
}

/** How far past what its schedule allows a reminder may lie before it is taken for a clock jump. */
const JUMP_MARGIN_MS = 2 * DAY_MS;

/**
 * The latest a reminder of this kind can legitimately be due, seen from `now`: the assignment DM
 * and a rescheduling are due at once; a due-date reminder on its due day (a week later after a
 * snooze); an overdue follow-up after the policy's working days and a snoozed week. Later than
 * that, it was worked out while the clock ran ahead (and was then put back).
 */
export function latestAllowed(kind: ReminderKind, { dueDate, now, timeZone, policy }: ReminderContext): Date {
  const fromNow = (days: number) => new Date(now.getTime() + days * DAY_MS + JUMP_MARGIN_MS);
  if (kind === 'assigned' || kind === 'reschedule') return fromNow(0);
  const longest = fromNow(longestWaitDays(policy.overdueEveryWorkingDays));
  if (kind === 'overdue') return longest;
  const dueAfterSnooze = new Date(reminderInstant(dueDate, policy.hour, timeZone).getTime() + 7 * DAY_MS + JUMP_MARGIN_MS);
  return dueAfterSnooze > longest ? dueAfterSnooze : longest;
}

/**
 * After the clock jumped back: a reminder further ahead than its schedule allows is worked out
 * again from the due date and now, so it is not skipped for as long as the clock was wrong. One
 * within its schedule is returned as it is.
 */
export function afterClockJump(state: ScheduledReminder, context: ReminderContext): ScheduledReminder {
  if (state.at <= latestAllowed(state.kind, context)) return state;
  const { now, timeZone, policy } = context;
  if (state.kind === 'due') return { ...state, ...afterAssignment(context) };
  if (state.kind === 'overdue') return { ...state, at: afterWorkingDays(now, policy.overdueEveryWorkingDays, policy.hour, timeZone) };
  return { ...state, at: now };
}

/** Done or won't do: nothing more is sent. */
export function closed(state: ReminderState): ClosedReminders {
  return { ...state, kind: 'closed', at: null };
}

/**
 * A closed item opened again (its issue was reopened, or a check found it not effective): its
 * reminders are worked out again from now, with no overdue reminder counted yet.
 */
export function reopened(state: ReminderState, now: Date): ReminderState {
  if (state.kind !== 'closed') return state;
  return { ...state, kind: 'reschedule', at: now, overdueSent: 0, failures: 0 };
}

/**
 * The owner cannot receive DMs: nothing more is sent (the commander is told instead) until the
 * item changes hands or dates.
 */
export function ownerUnreachable(state: OpenReminders): UnreachableOwner {
  return { ...state, kind: 'owner_unreachable', at: null };
}

/**
 * Names one reminder in the item's sequence. It stays the same across retries, so a DM that was
 * posted before the answer was lost can be recognised instead of being sent again.
 */
export function reminderKey(itemId: string, state: ScheduledReminder, dueDate: string): string {
  return `${itemId}:${state.kind}:${state.overdueSent}:${dueDate}`;
}

/** What the coming reminder says: a late due-date one (after an outage, a snooze) says overdue, not "due today". */
export function reminderToShow(state: ScheduledReminder, { dueDate, now, timeZone }: Omit<ReminderContext, 'policy'>): ReminderKind {
  return state.kind === 'due' && dueDate < calendarDay(now, timeZone) ? 'overdue' : state.kind;
}

/**
 * The schedule after the due date moved: the due-date reminder at the hour on the owner's new due
 * day, or at once if that moment has passed.
 */
export function rescheduled(state: ScheduledReminder, context: ReminderContext): ScheduledReminder {
  return { ...state, ...afterAssignment(context), ownerTimeZone: context.timeZone };
}

/**
 * The coming reminder reached the owner's DM (`dmChannel`). What follows is scheduled from now, so
 * after downtime an item gets one catch-up reminder, not one per missed day: the assignment is
 * followed by the due-date reminder, that and each overdue one by another after so many working
 * days. `escalate` says to tell the commander: at exactly the policy's count of overdue reminders,
 * and not when the DM was only found sent after an interruption (`foundSent`), lest it be told twice.
 */
export function reminderSent(
  state: ScheduledReminder,
  context: ReminderContext & { dmChannel: string; foundSent: boolean },
): { state: ScheduledReminder; escalate: boolean } {
  const { now, timeZone, policy } = context;
  const overdueSent = state.overdueSent + (state.kind === 'overdue' ? 1 : 0);
  const next =
    state.kind === 'assigned'
      ? afterAssignment(context)
      : { kind: 'overdue' as const, at: afterWorkingDays(now, policy.overdueEveryWorkingDays, policy.hour, timeZone) };
  return {
    state: { ...next, overdueSent, failures: 0, ownerTimeZone: timeZone, ownerDmChannel: context.dmChannel },
    escalate: state.kind === 'overdue' && overdueSent === policy.escalateAfter && !context.foundSent,
  };
}

/** The coming reminder could not be sent: the same one is tried again after a growing back-off. */
export function sendFailed(state: ScheduledReminder, now: Date): ScheduledReminder {
  const failures = state.failures + 1;
  return { ...state, failures, at: new Date(now.getTime() + retryDelayMs(failures)) };
}

function afterAssignment({ dueDate, now, timeZone, policy }: ReminderContext): Pick<ScheduledReminder, 'kind' | 'at'> {
  const due = reminderInstant(dueDate, policy.hour, timeZone);
  return { kind: 'due', at: due > now ? due : now };
}

/** The next reminder put off to `at`: a due-date reminder stays one, an overdue follow-up stays one. */
function snoozedUntil(state: OpenReminders, at: Date): ScheduledReminder {
  return { ...state, kind: state.kind === 'overdue' ? 'overdue' : 'due', at };
}
