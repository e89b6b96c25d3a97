import { toStoredInstant } from '../db/instant';
import { AppError, isAppError, throwIfProblems } from '../errors';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import { calendarDay, isCalendarDay } from '../zoned-time';
import type { ActionItem } from './action-item';
import { toActionItem } from './action-item-mapper';
import { type ActionItemRow, findActionItem } from './action-items.repository';
import { reopenItem } from './change-item-status';
import { parseItemMessages } from './item-messages';
import { dayAfter } from './reminder-schedule';
import { DUE_YEARS_MAX } from './validate-action-item';
import type { VerificationDeps } from './verification-deps';
import type { ShownAnswer } from './verification-port';
import {
  type AskedCheck,
  type VerificationState,
  MAX_ASKS,
  answeredUnsure,
  answeredVerified,
  canAnswer,
  notEffectiveTaken,
} from './verification-state';
import { changedVerificationColumns, toVerificationState } from './verification-state-mapper';
import { recordAnswer } from './verifications.repository';

/** The longest "why" or "instead" kept with a reopened item. */
export const NOT_EFFECTIVE_TEXT_MAX = 1000;

/** How far ahead the new due date of an item found not effective is proposed. */
export const NOT_EFFECTIVE_DUE_DAYS = 14;

/** The "Not effective" form: why it is not working, what to do instead, and by when. */
export interface NotEffectiveAnswer {
  why: string;
  instead: string;
  /** `yyyy-MM-dd` in the person's calendar; null when none was picked. */
  dueDate: string | null;
}

/**
 * What is wrong with a "Not effective" answer, field by field. `today` is the person's calendar
 * day: the new due date may not be before it.
 */
export function notEffectiveProblems(answer: NotEffectiveAnswer, today: string): Partial<Record<keyof NotEffectiveAnswer, string>> {
  const problems: Partial<Record<keyof NotEffectiveAnswer, string>> = {};
  const why = answer.why.trim();
  const instead = answer.instead.trim();
  if (!why) problems.why = 'Say what shows it is not working, so the next attempt can do better.';
  else if (why.length > NOT_EFFECTIVE_TEXT_MAX) problems.why = `Keep it to ${NOT_EFFECTIVE_TEXT_MAX} characters (it has ${why.length}).`;
  if (!instead) problems.instead = 'Say what should be done instead: the item is reopened with it.';
  else if (instead.length > NOT_EFFECTIVE_TEXT_MAX) problems.instead = `Keep it to ${NOT_EFFECTIVE_TEXT_MAX} characters (it has ${instead.length}).`;
  if (!answer.dueDate || !isCalendarDay(answer.dueDate)) problems.dueDate = 'Pick a new due date.';
  else if (answer.dueDate < today) problems.dueDate = 'The due date is in the past. Pick today or later.';
  else if (answer.dueDate > yearsAfter(today, DUE_YEARS_MAX)) problems.dueDate = `Pick a due date within the next ${DUE_YEARS_MAX} years.`;
  return problems;
}

/** The same calendar day `years` later, compared as text like every due date. */
function yearsAfter(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
}

/** The note kept with the reopened item: both answers in one line. */
export function notEffectiveNote(answer: Pick<NotEffectiveAnswer, 'why' | 'instead'>): string {
  return `Not effective: ${answer.why.trim()} — Instead: ${answer.instead.trim()}`;
}

interface OpenQuestion {
  row: ActionItemRow;
  item: ActionItem;
  incident: Incident;
  state: AskedCheck;
}

/**
 * The item and its open question, if this person may answer it: the item's owner or the incident
 * commander, while ask number `ask` (the one their message asked) is still open.
 */
async function openQuestion(deps: VerificationDeps, itemId: string, userId: string, ask: number): Promise<OpenQuestion> {
  const row = await findActionItem(deps.db, itemId);
  if (!row) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  const item = toActionItem(row);
  const incident = await loadIncident(deps.db, item.incidentId);
  if (userId !== item.ownerId && userId !== incident.commanderId) {
    throw new AppError('not_the_owner', "only the item's owner or the incident commander can say whether it works.");
  }
  const state = toVerificationState(row);
  if (!canAnswer(state, userId) || state.asks !== ask) throw notAsked(row, state, ask);
  return { row, item, incident, state };
}

/** Why an answer to ask number `ask` does not count (or not yet), in words for the person who gave it. */
function notAsked(row: ActionItemRow, state: VerificationState, ask: number): AppError {
  const say = (message: string) => new AppError('item_closed', message);
  switch (state.kind) {
    case 'verified':
      return say(`that action item was already verified by <@${state.by}>.`);
    case 'unconfirmed':
      return say(`nobody is asked about that action item any more: it was asked about ${MAX_ASKS} times and nobody could say yet.`);
    case 'scheduled':
      // Clicked in the moment between the DM reaching them and the ask being recorded.
      if (ask === state.asks + 1) return say('that question is still being asked; try again in a moment.');
      return say('that question was already answered "not sure yet"; it will be asked again later.');
    case 'asked':
      return state.answeredBy
        ? say(`<@${state.answeredBy}> has just answered that it is not effective; the item is being reopened.`)
        : say('that question was already answered; a newer one was asked since.');
    case 'not_needed':
      return say('no check is needed for that action item.');
    case 'none':
      if (row.status === 'open') return say('that action item was reopened; it is checked again once it is done.');
      if (row.status === 'wont_do') return say("that action item was closed as won't do.");
      return say('that action item is not being checked.');
  }
}

/** Another answer was recorded between reading the question and answering it. */
async function answeredMeanwhile(deps: VerificationDeps, itemId: string, ask: number): Promise<AppError> {
  const row = await findActionItem(deps.db, itemId);
  return row ? notAsked(row, toVerificationState(row), ask) : new AppError('action_item_not_found', 'that action item no longer exists.');
}

/** Every step after an answer is recorded is tried and logged: the answer stands either way. */
function tried(deps: VerificationDeps, itemId: string, what: string, step: Promise<unknown>): Promise<void> {
  return step.then(
    () => undefined,
    (err: unknown) => deps.logger.warn({ err, itemId, code: isAppError(err) ? err.code : undefined }, `could not ${what}`),
  );
}

async function showAnswer(deps: VerificationDeps, row: ActionItemRow, item: ActionItem, incident: Incident, answer: ShownAnswer, by: string) {
  await tried(deps, row.id, 'show the answer in the question DMs', deps.port.showAnswered(parseItemMessages(row.verify_messages), item, incident, answer, by));
}

/**
 * "Verified": the check is over. Both people's questions show who verified it, and the published
 * post-mortem shows it. Returns the item as it is now.
 */
export async function answerVerified(deps: VerificationDeps, itemId: string, userId: string, ask: number) {
  const { row, incident, state } = await openQuestion(deps, itemId, userId, ask);
  const now = deps.clock.now();
  const after = answeredVerified(state, userId, now);
  if (after === state) throw notAsked(row, state, ask);
  const recorded = await recordAnswer(deps.db, itemId, { ask }, { ...changedVerificationColumns(state, after), updated_at: toStoredInstant(now) });
  if (!recorded) throw await answeredMeanwhile(deps, itemId, ask);
  deps.logger.info({ itemId, by: userId }, 'action item verified');
  const item = toActionItem((await findActionItem(deps.db, itemId))!);
  await showAnswer(deps, row, item, incident, { kind: 'verified', at: now }, userId);
  await tried(deps, itemId, 'update the published post-mortem', deps.published.refresh(incident.id));
  return { item, incident };
}

/**
 * "Not sure yet": asked again two weeks later, in the owner's zone; after the last ask, the check
 * stays unconfirmed and nobody is asked again.
 */
export async function answerUnsure(deps: VerificationDeps, itemId: string, userId: string, ask: number) {
  const { row, incident, state } = await openQuestion(deps, itemId, userId, ask);
  const now = deps.clock.now();
  const timeZone = row.owner_time_zone ?? (await zoneOr(deps, row.owner_id));
  const after = answeredUnsure(state, now, { timeZone, hour: deps.policy.hour });
  if (after === state) throw notAsked(row, state, ask);
  const recorded = await recordAnswer(deps.db, itemId, { ask }, { ...changedVerificationColumns(state, after), updated_at: toStoredInstant(now) });
  if (!recorded) throw await answeredMeanwhile(deps, itemId, ask);
  const next = after.kind === 'scheduled' ? after.at : null;
  deps.logger.info({ itemId, by: userId, next: next && toStoredInstant(next) }, 'not sure yet whether the action item works');
  const item = toActionItem((await findActionItem(deps.db, itemId))!);
  await showAnswer(deps, row, item, incident, { kind: 'unsure', at: now, next }, userId);
  if (after.kind === 'unconfirmed') await tried(deps, itemId, 'update the published post-mortem', deps.published.refresh(incident.id));
  return { item, incident, next };
}

/**
 * Before the "Not effective" form opens: the person may answer, and the new due date proposed is
 * two weeks from their today (in their zone).
 */
export async function notEffectiveForm(deps: VerificationDeps, itemId: string, userId: string, ask: number) {
  const { item } = await openQuestion(deps, itemId, userId, ask);
  const today = calendarDay(deps.clock.now(), await zoneOr(deps, userId));
  return { item, today, dueDate: dayAfter(today, NOT_EFFECTIVE_DUE_DAYS) };
}

/**
 * "Not effective": the item is reopened with the new due date and both answers as its note, so
 * its reminders start again; the tracker's issue follows, the published post-mortem shows it,
 * both people's questions say who answered, and the incident channel hears of it. `today` is the
 * person's calendar day, for the due date. A form submitted again (after a crash) finishes the job.
 */
export async function answerNotEffective(deps: VerificationDeps, itemId: string, userId: string, ask: number, answer: NotEffectiveAnswer, today: string) {
  throwIfProblems(notEffectiveProblems(answer, today));
  const { row, incident, state } = await openQuestion(deps, itemId, userId, ask);
  // First this answer is made the one, so that a "verified" at the same moment cannot count too.
  const taken = notEffectiveTaken(state, userId);
  if (taken !== state) {
    const recorded = await recordAnswer(deps.db, itemId, { ask, resuming: userId }, { ...changedVerificationColumns(state, taken), updated_at: toStoredInstant(deps.clock.now()) });
    if (!recorded) throw await answeredMeanwhile(deps, itemId, ask);
  }
  const reopened = await reopenItem(deps, itemId, { userId }, { dueDate: answer.dueDate!, note: notEffectiveNote(answer) });
  if (!reopened) throw new AppError('item_closed', 'that action item was reopened a moment ago.');
  deps.logger.info({ itemId, by: userId, dueDate: answer.dueDate }, 'action item not effective; reopened');
  const { item } = reopened;
  if (deps.issues) await tried(deps, itemId, "update the item's issue", deps.issues.changed(itemId));
  await tried(deps, itemId, 'update the published post-mortem', deps.published.refresh(incident.id));
  await showAnswer(deps, row, item, incident, { kind: 'not_effective', at: deps.clock.now() }, userId);
  await tried(deps, itemId, 'tell the incident channel', deps.port.noteNotEffective(item, incident, userId));
  return reopened;
}

/** A person's zone, or the default when the chat does not know it or cannot say now. */
async function zoneOr(deps: VerificationDeps, userId: string): Promise<string> {
  return (await deps.port.timeZoneOf(userId).catch(() => null)) ?? deps.policy.defaultTimeZone;
}
