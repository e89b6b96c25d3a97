import type { ActionsBlock } from '@slack/types';
import type { Account } from '../../accounts/account';
import type { Incident } from '../../incidents/incident';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import type { SlackMessage } from '../../render/slack-message';
import { AccountAction, BlockId } from '../ids';
import { button, contextLine, mrkdwnSection } from './block-kit';

/**
 * The incident as the request names it: its title and its channel, nothing more. A private
 * incident's request goes only to its members, and even so says no more than they can see there.
 */
function incidentNamed(incident: Incident): string {
  const title = `*${escapeAndTruncate(incident.title, 300)}*`;
  return incident.channelId ? `${title} (<#${incident.channelId}>)` : title;
}

const plainTitle = (incident: Incident) => escapeAndTruncate(incident.title, 150);

function buttons(incident: Incident, first: 'write' | 'edit', withDecline: boolean): ActionsBlock {
  const write = button(first === 'edit' ? 'Edit my account' : 'Write my account', AccountAction.write, { value: incident.id, style: 'primary' });
  return {
    type: 'actions',
    block_id: BlockId.accountRequestActions,
    elements: withDecline ? [write, button('Not this time', AccountAction.decline, { value: incident.id })] : [write],
  };
}

const WHY =
  'The timeline shows what was said, not what you saw, expected and thought at the time — only you can tell that, and the review needs it to understand why things made sense. ' +
  'There are no wrong answers and nobody is judged: the review looks at how the system and its signals shaped what people did, not at who to blame.';

const HOW = 'Five short questions, each optional. You choose whether it is shown with your name or anonymously, and you can change it until the post-mortem is published.';

function ask(incident: Incident): SlackMessage {
  return {
    text: `Would you write your own account of ${plainTitle(incident)}?`,
    blocks: [
      mrkdwnSection(`:wave: You took part in ${incidentNamed(incident)}. Would you write your own account of it for the post-mortem?`),
      mrkdwnSection(WHY),
      contextLine(HOW),
      buttons(incident, 'write', true),
    ],
  };
}

function remind(incident: Incident): SlackMessage {
  return {
    text: `A gentle reminder: your account of ${plainTitle(incident)} would still help`,
    blocks: [
      mrkdwnSection(
        `:seedling: A gentle reminder: your account of ${incidentNamed(incident)} would still help the review, if you have a few minutes. Every question is optional. This is the only reminder.`,
      ),
      buttons(incident, 'write', true),
    ],
  };
}

/** What the request shows once the person acted on it, or once accounts are closed. */
function state(account: Account, incident: Incident): SlackMessage {
  if (incident.status === 'postmortem_published') {
    const thanks = account.state === 'written' ? ' Thank you for yours: it is part of it.' : '';
    return {
      text: `The post-mortem of ${plainTitle(incident)} is published; accounts are closed`,
      blocks: [mrkdwnSection(`:closed_book: The post-mortem of ${incidentNamed(incident)} is published, so accounts are closed.${thanks}`)],
    };
  }
  if (account.state === 'written') {
    return {
      text: `Your account of ${plainTitle(incident)} is in — thank you`,
      blocks: [
        mrkdwnSection(`:white_check_mark: Your account of ${incidentNamed(incident)} is in — thank you. You can change it until the post-mortem is published.`),
        buttons(incident, 'edit', false),
      ],
    };
  }
  if (account.state === 'declined') {
    return {
      text: `Not this time — understood (${plainTitle(incident)})`,
      blocks: [
        mrkdwnSection(`Not this time — understood. If you change your mind about ${incidentNamed(incident)}, you can still write one until the post-mortem is published.`),
        buttons(incident, 'write', false),
      ],
    };
  }
  return ask(incident);
}

/**
 * The DM asking a participant for their own account (`ask`), its one reminder (`remind`), or what
 * the request became after they acted on it (`state`: written, declined, or closed once the
 * post-mortem is published). The buttons carry the incident's id.
 */
export function accountRequestMessage(account: Account, incident: Incident, kind: 'ask' | 'remind' | 'state'): SlackMessage {
  if (kind === 'ask') return ask(incident);
  if (kind === 'remind') return remind(incident);
  return state(account, incident);
}
