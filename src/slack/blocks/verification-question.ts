import type { ActionsBlock, KnownBlock } from '@slack/types';
import { ACTION_ITEM_TYPE_LABELS, type ActionItem } from '../../action-items/action-item';
import type { AskedPerson, ShownAnswer } from '../../action-items/verification-port';
import { MAX_ASKS } from '../../action-items/verification-state';
import type { Incident } from '../../incidents/incident';
import { slackDate } from '../../mrkdwn/date-token';
import { escapeAndTruncate, mrkdwnLink } from '../../mrkdwn/escape';
import { mention } from '../../mrkdwn/mention';
import type { SlackMessage } from '../../render/slack-message';
import { BlockId, VerifyAction } from '../ids';
import { button, contextLine, mrkdwnSection } from './block-kit';

const QUESTION = 'Is this countermeasure working?';

const WHY_ASKED: Record<AskedPerson['role'], string> = {
  owner: 'You did this action item.',
  commander: 'You led the incident this action item came from.',
};

/** The answers' value: the item and which ask they answer, so an answer to an older ask is told apart. */
export function answerValue(itemId: string, ask: number): string {
  return `${itemId}:${ask}`;
}

/** What the item is, where it came from, when it was done, and its issue and ticket if any. */
function doneSummary(item: ActionItem, incident: Incident): string {
  const done = item.status === 'done' && item.statusChangedAt ? ` · done ${slackDate(item.statusChangedAt, '{date_short_pretty}')}${item.statusChangedBy ? ` by ${mention(item.statusChangedBy)}` : ''}` : '';
  const issue = item.issue ? ` · ${mrkdwnLink(item.issue.url, item.issue.label)}` : '';
  const ticket = item.ticketUrl ? ` · ${mrkdwnLink(item.ticketUrl, 'ticket')}` : '';
  return (
    `*${escapeAndTruncate(item.description, 1500)}*\n` +
    `${ACTION_ITEM_TYPE_LABELS[item.type]}${done} · from <#${incident.channelId}> (${escapeAndTruncate(incident.title, 300)})${issue}${ticket}`
  );
}

function answerButtons(item: ActionItem, ask: number): ActionsBlock {
  const value = answerValue(item.id, ask);
  return {
    type: 'actions',
    block_id: `${BlockId.verifyActions}:${item.id}`,
    elements: [
      button('Verified', VerifyAction.verified, { value, style: 'primary' }),
      button('Not effective', VerifyAction.notEffective, { value, style: 'danger' }),
      button('Not sure yet', VerifyAction.unsure, { value }),
    ],
  };
}

/**
 * The question DM to the owner or the commander, some weeks after the item was done: does it
 * work? `ask` is which ask this is (1 to {@link MAX_ASKS}); a later one says it is asked again.
 */
export function verificationQuestion(item: ActionItem, incident: Incident, role: AskedPerson['role'], ask: number): SlackMessage {
  const again = ask > 1 ? ` Asked again (${ask} of ${MAX_ASKS}): last time it was too early to say.` : '';
  const blocks: KnownBlock[] = [
    mrkdwnSection(`:mag: *${QUESTION}*\n${doneSummary(item, incident)}`),
    contextLine(`${WHY_ASKED[role]}${again} Did it make a repeat of the incident less likely, or easier to catch?`),
    answerButtons(item, ask),
  ];
  return { text: `${QUESTION} ${escapeAndTruncate(item.description, 300)}`, blocks };
}

/** Who answered what, for the question DMs once someone has. */
export function answerLine(answer: ShownAnswer, by: string, item: ActionItem): string {
  const when = slackDate(answer.at);
  switch (answer.kind) {
    case 'verified':
      return `:white_check_mark: Verified by ${mention(by)} ${when}: it works.`;
    case 'not_effective':
      return `:leftwards_arrow_with_hook: Not effective, said ${mention(by)} ${when}: the item is open again, due *${item.dueDate}*.`;
    case 'unsure':
      return answer.next
        ? `:hourglass_flowing_sand: Not sure yet, said ${mention(by)} ${when}. Asking again ${slackDate(answer.next, '{date_short_pretty}')}.`
        : `:grey_question: Not sure yet, said ${mention(by)} ${when}. Asked ${MAX_ASKS} times, so it stays unconfirmed and nobody is asked again.`;
  }
}

/** The question DM after an answer: the same item, no buttons, and who answered what. */
export function verificationAnswered(item: ActionItem, incident: Incident, answer: ShownAnswer, by: string): SlackMessage {
  const line = answerLine(answer, by, item);
  return {
    text: `${QUESTION} ${escapeAndTruncate(item.description, 300)}: answered`,
    blocks: [mrkdwnSection(`:mag: *${QUESTION}*\n${doneSummary(item, incident)}`), contextLine(line)],
  };
}
