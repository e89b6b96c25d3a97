/**
 * The questions a participant's own account answers, each optional. They follow what a blameless
 * review needs from the people closest to the work: what they saw, what they did and why it made
 * sense at the time, what they expected, what surprised them, and what would have helped.
 */
export const ACCOUNT_QUESTIONS = ['noticed', 'did', 'expected', 'surprised', 'helped'] as const;
export type AccountQuestion = (typeof ACCOUNT_QUESTIONS)[number];

export const ACCOUNT_QUESTION_LABELS: Record<AccountQuestion, string> = {
  noticed: 'What you noticed, and when',
  did: 'What you did, and why it made sense at the time',
  expected: 'What you expected to happen',
  surprised: 'What surprised or confused you',
  helped: 'What would have helped',
};

/** The same questions as the published post-mortem asks them, in the third person. */
export const ACCOUNT_QUESTION_HEADINGS: Record<AccountQuestion, string> = {
  noticed: 'Noticed',
  did: 'Did, and why it made sense',
  expected: 'Expected',
  surprised: 'Surprised or confused by',
  helped: 'Would have helped',
};

/** The most a single answer may hold (Slack's limit for a multi-line input). */
export const ANSWER_MAX = 3000;

export type AccountAnswers = Record<AccountQuestion, string>;

export const EMPTY_ANSWERS: AccountAnswers = { noticed: '', did: '', expected: '', surprised: '', helped: '' };

/**
 * Where one participant's account stands:
 * - `to_ask`: they are to be asked (the DM is not out yet);
 * - `asked`: the DM is out, no answer yet;
 * - `declined`: "Not this time" (they may still write one);
 * - `written`: saved at least once, editable until the post-mortem is published;
 * - `unreachable`: their DM could not be delivered (a deactivated account);
 * - `not_asked`: the request never went out (the post-mortem was published first, or they left a
 *   private incident's channel).
 */
export type AccountState = 'to_ask' | 'asked' | 'declined' | 'written' | 'unreachable' | 'not_asked';

export interface Account {
  incidentId: string;
  userId: string;
  state: AccountState;
  answers: AccountAnswers;
  /** Published as "Responder A" instead of their name. */
  anonymous: boolean;
  /** The writer's zone when they last saved: times they typed are read in it. */
  timeZone: string | null;
  /** Where the request is in their DMs, once sent. */
  dm: { channelId: string; ts: string } | null;
  askedAt: Date | null;
  /** When they first wrote or declined. */
  answeredAt: Date | null;
  /** When the one reminder went out. */
  remindedAt: Date | null;
  /** Bumped on every save that changed something. */
  revision: number;
  updatedAt: Date;
}

export function hasAnswers(answers: AccountAnswers): boolean {
  return ACCOUNT_QUESTIONS.some((q) => answers[q].trim() !== '');
}

/** Accounts asked for, in, declined, and who has not answered yet. */
export interface AccountProgress {
  asked: number;
  written: number;
  declined: number;
  waitingFor: string[];
}

export function accountProgress(accounts: Account[]): AccountProgress {
  const counted = accounts.filter((a) => a.state !== 'unreachable' && a.state !== 'not_asked');
  return {
    asked: counted.length,
    written: counted.filter((a) => a.state === 'written').length,
    declined: counted.filter((a) => a.state === 'declined').length,
    waitingFor: counted.filter((a) => a.state === 'to_ask' || a.state === 'asked').map((a) => a.userId),
  };
}
