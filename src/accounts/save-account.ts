import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import { requireMember } from '../incidents/require-member';
import type { BlamelessNote } from '../postmortems/postmortem';
import { ACCOUNT_QUESTIONS, ANSWER_MAX, type Account, type AccountAnswers, hasAnswers } from './account';
import type { AccountDeps } from './account-deps';
import { toAccount } from './account-mapper';
import { findAccount, insertAccount, updateAccountAtRevision } from './accounts.repository';
import { accountOf } from './account-queries';
import { type RecalledMoment, recalledMoments } from './recalled-moments';
import { requireAccountsOpen } from './request-accounts';
import { reviewAccount } from './self-blame';

export interface AccountInput {
  answers: AccountAnswers;
  anonymous: boolean;
}

export interface SavedAccount {
  account: Account;
  incident: Incident;
  /** False when it was already saved just so (Slack delivered the same submission again). */
  changed: boolean;
  /** Self-blame in the wording, gently pointed out; saving never waits on them. */
  notes: BlamelessNote[];
  /** The zone its times were read in: the writer's, else the configured default. */
  timeZone: string;
  /** Where its lines that start with a time go on the timeline. */
  moments: RecalledMoment[];
}

/** How many times a save is tried when another save of the same account won the race. */
const SAVE_ATTEMPTS = 3;

/**
 * The incident and the person's account, if they may write one: anyone asked (a participant of a
 * public incident stays one after leaving its channel), or any member of the channel; for a
 * private incident only its members. Refused once the post-mortem is being published.
 */
export async function accountToWrite(deps: AccountDeps, incidentId: string, userId: string): Promise<{ incident: Incident; account: Account | undefined }> {
  const incident = await loadIncident(deps.db, incidentId);
  await requireAccountsOpen(deps, incident);
  const account = await accountOf(deps.db, incidentId, userId);
  if (!account || incident.isPrivate) await requireMember(deps.members, incident, userId, 'write an account of it');
  return { incident, account };
}

function validate(input: AccountInput): AccountAnswers {
  const answers = Object.fromEntries(ACCOUNT_QUESTIONS.map((q) => [q, input.answers[q].trim()])) as AccountAnswers;
  const fields: Record<string, string> = {};
  for (const q of ACCOUNT_QUESTIONS) if (answers[q].length > ANSWER_MAX) fields[q] = `Keep this under ${ANSWER_MAX} characters.`;
  if (!hasAnswers(answers)) fields.noticed = 'Answer at least one question, or close this and choose "Not this time".';
  if (Object.keys(fields).length > 0) throw new AppError('invalid_input', 'the account needs a change before it can be saved.', { fields });
  return answers;
}

const sameAnswers = (a: AccountAnswers, b: AccountAnswers) => ACCOUNT_QUESTIONS.every((q) => a[q] === b[q]);

const closed = () => new AppError('accounts_closed', 'its post-mortem is being published, so accounts can no longer be written or changed.');

/**
 * Saves the person's account, as written: on every submit, so nothing typed is lost, over their
 * own latest version (only they write it; of two saves at once, both are stored in turn). The
 * same submission delivered twice is stored once. Once publishing has begun nothing is stored,
 * and the person is told, so an account is never "saved" and then missing from what was
 * published. The request in their DMs is brought up to date by {@link showSavedAccount}, after
 * the person has their answer.
 */
export async function saveAccount(deps: AccountDeps, incidentId: string, userId: string, input: AccountInput): Promise<SavedAccount> {
  const answers = validate(input);
  const { incident } = await accountToWrite(deps, incidentId, userId);
  const timeZone = (await deps.port.timeZoneOf(userId)) ?? deps.defaultTimeZone;
  let changed = false;
  for (let attempt = 1; ; attempt += 1) {
    const now = toStoredInstant(deps.clock.now());
    const row = await findAccount(deps.db, incidentId, userId);
    const before = row && toAccount(row);
    if (before?.state === 'written' && before.anonymous === input.anonymous && sameAnswers(before.answers, answers)) break;
    const written = { state: 'written', answers: JSON.stringify(answers), anonymous: input.anonymous ? 1 : 0, time_zone: timeZone, remind_at: null, updated_at: now };
    const stored = row
      ? await updateAccountAtRevision(deps.db, incidentId, userId, row.revision, { ...written, answered_at: row.answered_at ?? now, revision: row.revision + 1 })
      : await insertAccount(deps.db, { incident_id: incidentId, user_id: userId, ...written, answered_at: now, revision: 1, created_at: now });
    if (stored) {
      changed = true;
      break;
    }
    await requireAccountsOpen(deps, incident).catch(() => Promise.reject(closed()));
    if (attempt >= SAVE_ATTEMPTS) throw new AppError('invalid_input', 'your account was being saved from elsewhere at the same moment. Submit it again.');
  }
  const account = (await accountOf(deps.db, incidentId, userId))!;
  if (changed) deps.logger.info({ incidentId, userId, revision: account.revision }, 'account saved');
  return {
    account,
    incident,
    changed,
    notes: reviewAccount(answers, 'Your account'),
    timeZone,
    moments: recalledMoments(answers, timeZone, { from: incident.impactStartedAt, until: incident.resolvedAt ?? deps.clock.now() }),
  };
}

/** The request in the person's DMs shows where their account stands; it failing never undoes what they did. */
export async function showSavedAccount(deps: AccountDeps, saved: Pick<SavedAccount, 'account' | 'incident'>): Promise<void> {
  const { account, incident } = saved;
  if (!account.dm) return;
  await deps.port.showState(account, incident).catch((err: unknown) => deps.logger.warn({ err, incidentId: incident.id }, 'could not update the account request'));
}

/** "Not this time": no reminder follows. Someone who already wrote keeps their account. */
export async function declineAccount(deps: AccountDeps, incidentId: string, userId: string): Promise<Account> {
  const { incident, account } = await accountToWrite(deps, incidentId, userId);
  if (!account) throw new AppError('invalid_input', 'you were not asked for an account of this incident.');
  if (account.state !== 'written' && account.state !== 'declined') {
    const now = toStoredInstant(deps.clock.now());
    const row = (await findAccount(deps.db, incidentId, userId))!;
    const declined = await updateAccountAtRevision(deps.db, incidentId, userId, row.revision, {
      state: 'declined',
      remind_at: null,
      answered_at: row.answered_at ?? now,
      revision: row.revision + 1,
      updated_at: now,
    });
    if (declined) deps.logger.info({ incidentId, userId }, 'account declined');
  }
  const current = (await accountOf(deps.db, incidentId, userId))!;
  await showSavedAccount(deps, { account: current, incident });
  return current;
}
