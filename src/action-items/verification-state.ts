import { calendarDay } from '../zoned-time';
import { dayAfter, reminderInstant } from './reminder-schedule';

/**
 * Where the check that a done item's countermeasure works stands. A done item starts `scheduled`
 * with no time yet (`at: null`); the verification job plans it on the day `afterDays` after the
 * day it was done, at the reminder hour in the owner's zone, then asks the owner and the
 * commander. "Verified" ends it; "not sure yet" asks again two weeks later, up to
 * {@link MAX_ASKS} asks in all, after which it stays `unconfirmed`; "not effective" reopens the
 * item (`none` until it is done again). Every change is one of the pure transitions below; a
 * transition that does not apply returns the very state it was given, so a caller can tell.
 */
export type VerificationState = NoCheck | NotNeeded | ScheduledCheck | AskedCheck | VerifiedCheck | UnconfirmedCheck;

/** The item is not done (open, or won't do): there is nothing to check. */
export interface NoCheck {
  kind: 'none';
}

/** "No check needed", chosen when the item was written. */
export interface NotNeeded {
  kind: 'not_needed';
}

/** The next ask is due at `at`; null until the job has worked out when, in the owner's zone. */
export interface ScheduledCheck {
  kind: 'scheduled';
  at: Date | null;
  /** Asks made so far. */
  asks: number;
}

/**
 * Asked (at `at`) and waiting for an answer. `answeredBy` is set while someone's "not effective"
 * answer is being applied: nobody else's answer counts any more, and theirs may be applied again
 * (a form submission replayed after a crash).
 */
export interface AskedCheck {
  kind: 'asked';
  at: Date;
  asks: number;
  answeredBy: string | null;
}

export interface VerifiedCheck {
  kind: 'verified';
  by: string;
  at: Date;
  asks: number;
}

/** Asked as often as the bot will, and nobody could say: nobody is asked again. */
export interface UnconfirmedCheck {
  kind: 'unconfirmed';
  asks: number;
}

/** The first ask and two more after "not sure yet". */
export const MAX_ASKS = 3;

/** How long after "not sure yet" the question comes again. */
export const ASK_AGAIN_AFTER_DAYS = 14;

/** The longest wait a person may choose before the check (the form offers up to 90 days). */
export const VERIFY_AFTER_DAYS_MAX = 365;

export type VerificationAnswer = 'verified' | 'unsure' | 'not_effective';

/** When to ask, worked out in the owner's zone. */
export interface AskContext {
  timeZone: string;
  /** The hour of the owner's day when they hear from the bot (`REMINDER_HOUR`). */
  hour: number;
}

/** The check as a done item starts it: `afterDays` 0 means none is needed. */
export function checkOnceDone(afterDays: number | null): NotNeeded | ScheduledCheck {
  return afterDays === 0 ? { kind: 'not_needed' } : { kind: 'scheduled', at: null, asks: 0 };
}

/** Whether the job has yet to work out when to ask. */
export function isUnplanned(state: VerificationState): state is ScheduledCheck & { at: null } {
  return state.kind === 'scheduled' && state.at === null;
}

/**
 * The first ask: on the day `afterDays` after the day it was done (both in the owner's zone), at
 * the reminder hour there. Only an unplanned check is planned.
 */
export function planned(state: VerificationState, doneAt: Date, afterDays: number, context: AskContext): VerificationState {
  if (!isUnplanned(state)) return state;
  const day = dayAfter(calendarDay(doneAt, context.timeZone), afterDays);
  return { ...state, at: reminderInstant(day, context.hour, context.timeZone) };
}

/** The question reached at least one of the people asked. */
export function asked(state: VerificationState, now: Date): VerificationState {
  if (state.kind !== 'scheduled' || state.at === null) return state;
  return { kind: 'asked', at: now, asks: state.asks + 1, answeredBy: null };
}

/** Nobody could be asked (the owner and the commander are both gone): nobody ever will be. */
export function nobodyToAsk(state: VerificationState): VerificationState {
  if (state.kind !== 'scheduled') return state;
  return { kind: 'unconfirmed', asks: state.asks };
}

/** Whether `userId` may answer now: the question is out and nobody else's answer is being applied. */
export function canAnswer(state: VerificationState, userId: string): state is AskedCheck {
  return state.kind === 'asked' && (state.answeredBy === null || state.answeredBy === userId);
}

/** "Verified": the check is over. */
export function answeredVerified(state: VerificationState, by: string, now: Date): VerificationState {
  if (state.kind !== 'asked' || state.answeredBy !== null) return state;
  return { kind: 'verified', by, at: now, asks: state.asks };
}

/**
 * "Not sure yet": asked again {@link ASK_AGAIN_AFTER_DAYS} days after the day of the answer, at
 * the hour in the owner's zone; after the last ask, nobody is asked again.
 */
export function answeredUnsure(state: VerificationState, now: Date, context: AskContext): VerificationState {
  if (state.kind !== 'asked' || state.answeredBy !== null) return state;
  if (state.asks >= MAX_ASKS) return { kind: 'unconfirmed', asks: state.asks };
  const day = dayAfter(calendarDay(now, context.timeZone), ASK_AGAIN_AFTER_DAYS);
  return { kind: 'scheduled', at: reminderInstant(day, context.hour, context.timeZone), asks: state.asks };
}

/** "Not effective", first step: this person's answer is the one; the item is reopened next. */
export function notEffectiveTaken(state: VerificationState, by: string): VerificationState {
  if (!canAnswer(state, by) || state.answeredBy === by) return state;
  return { ...state, answeredBy: by };
}

/** "Not effective", applied: the item is open again and is checked again once it is done. */
export function answeredNotEffective(state: VerificationState): VerificationState {
  return state.kind === 'asked' && state.answeredBy !== null ? { kind: 'none' } : state;
}

/**
 * The days before the check were changed on an item already done: a check not asked yet is
 * worked out again (or dropped for "no check needed", or started when one is wanted after all).
 */
export function afterDaysChanged(state: VerificationState, afterDays: number | null): VerificationState {
  if (state.kind === 'scheduled' && state.asks === 0) return checkOnceDone(afterDays);
  if (state.kind === 'not_needed' && afterDays !== 0) return checkOnceDone(afterDays);
  return state;
}

/**
 * Names one ask of one check. It stays the same across retries, so a question that reached a DM
 * before it was recorded can be recognised instead of being sent again; the instant the item was
 * done tells a check apart from the one before it was reopened.
 */
export function askKey(itemId: string, doneAt: Date, ask: number): string {
  return `${itemId}:verify:${doneAt.getTime()}:${ask}`;
}
