import type { KnownBlock } from '@slack/types';
import { ACCOUNT_QUESTIONS, ACCOUNT_QUESTION_HEADINGS, type Account, type AccountProgress, accountProgress } from '../../accounts/account';
import { accountLabels, writtenInOrder } from '../../accounts/account-labels';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { mention } from '../../mrkdwn/mention';
import { splitText } from '../../render/split-text';
import { contextLine, header, mrkdwnSection } from './block-kit';

/** Sections of account summaries in the form at most: the rest are counted (the modal holds 100 blocks). */
const SUMMARY_SECTIONS = 3;
/** Answers quoted per account, and how much of each. */
const ANSWERS_QUOTED = 2;
const ANSWER_CHARS = 140;
/** People listed as not answered yet before the rest are counted. */
const WAITING_LISTED = 40;

/** "3 of 5 accounts in", with the declined when there are any. */
export function progressLine(progress: AccountProgress): string {
  const declined = progress.declined > 0 ? ` · ${progress.declined} declined` : '';
  return `${progress.written} of ${progress.asked} accounts in${declined}`;
}

/** "Not answered yet: <@a>, <@b>", the long tail counted; empty when everyone answered. */
export function waitingLine(waitingFor: string[]): string {
  if (waitingFor.length === 0) return '';
  const more = waitingFor.length > WAITING_LISTED ? ` and ${waitingFor.length - WAITING_LISTED} more` : '';
  return `Not answered yet: ${waitingFor.slice(0, WAITING_LISTED).map(mention).join(', ')}${more}`;
}

/** An answer's lines run together, so a summary stays a line or two. */
const oneLine = (answer: string) =>
  answer
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' · ');

/** One or two lines: the account's signature and its first answers, each cut short. */
function summary(account: Account, label: string): string {
  const answered = ACCOUNT_QUESTIONS.filter((q) => account.answers[q].trim() !== '').slice(0, ANSWERS_QUOTED);
  const quotes = answered.map((q) => `_${ACCOUNT_QUESTION_HEADINGS[q]}:_ ${escapeAndTruncate(oneLine(account.answers[q]), ANSWER_CHARS)}`);
  return `• *${label}* — ${quotes.join('\n    ')}`;
}

/**
 * The Accounts section of the post-mortem form: how many are in, each written one in a line or
 * two, who has not answered yet, or how to ask when nobody was. A named account is signed with
 * its writer's mention; an anonymous one only with its "Responder X" label, never its writer.
 */
export function accountsBlocks(accounts: Account[]): KnownBlock[] {
  const progress = accountProgress(accounts);
  const written = writtenInOrder(accounts);
  if (progress.asked === 0 && written.length === 0) {
    return [
      header('Accounts'),
      contextLine(
        'Nobody has been asked for their own account yet. `/incident accounts request` asks everyone who took part, in a DM each: what they noticed, did and expected, in their own words.',
      ),
    ];
  }
  const labels = accountLabels(accounts, mention);
  const blocks: KnownBlock[] = [header('Accounts'), mrkdwnSection(`*${progressLine(progress)}*`)];
  if (written.length > 0) {
    const pieces = splitText(written.map((a) => summary(a, labels.get(a.userId) ?? 'Someone')).join('\n'));
    blocks.push(...pieces.slice(0, SUMMARY_SECTIONS).map(mrkdwnSection));
    if (pieces.length > SUMMARY_SECTIONS) blocks.push(contextLine('…and more: every account is in full in the published post-mortem.'));
  }
  const waiting = waitingLine(progress.waitingFor);
  if (waiting) blocks.push(contextLine(waiting));
  return blocks;
}
