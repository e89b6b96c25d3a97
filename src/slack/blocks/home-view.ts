import type { HomeView, KnownBlock } from '@slack/types';
import type { MyWork } from '../../home/my-work';
import { type CommandUsage, PRODUCT_NAME, commandList } from './help-message';
import { type ItemIssueButton, issueLink, itemButtons, itemSummary } from './action-item-message';
import type { ActionItem } from '../../action-items/action-item';
import { PROGRESS_WORDS, itemProgress } from '../../action-items/item-progress';
import { stateLine } from './incident-card';
import { BlockId } from '../ids';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { slackDate } from '../../mrkdwn/date-token';
import { contextLine, header, mrkdwnSection } from './block-kit';
import { commanderMention } from '../../mrkdwn/mention';
import { insightsHomeBlocks } from './insights-message';

/** Items shown with their buttons (two blocks each), keeping the Home tab under 100 blocks. */
const ITEMS_SHOWN = 25;
const INCIDENTS_SHOWN = 10;

const EMPTY_WORK: MyWork = { items: [], done: [], incidents: [], postmortems: [] };

/** The App Home tab: my action items (overdue first), my open incidents, recent post-mortems, and how to start. */
export function homeView(commands: readonly CommandUsage[], work: MyWork = EMPTY_WORK, today = '', issues?: ItemIssueButton): HomeView {
  const blocks: KnownBlock[] = [header(PRODUCT_NAME)];

  blocks.push(mrkdwnSection(`*My action items (${work.items.length})*`));
  if (work.items.length === 0) {
    blocks.push(contextLine('Nothing assigned to you. :sparkles:'));
  }
  for (const { item, incident } of work.items.slice(0, ITEMS_SHOWN)) {
    const overdue = today && item.dueDate < today ? ':warning: *Overdue* · ' : '';
    blocks.push(mrkdwnSection(`${overdue}${itemSummary(item, incident)}`), itemButtons(item, incident, `${BlockId.homeItemActions}:${item.id}`, undefined, issues));
  }
  if (work.items.length > ITEMS_SHOWN) {
    blocks.push(contextLine(`…and ${work.items.length - ITEMS_SHOWN} more: \`/incident actions\``));
  }

  if (work.done.length > 0) {
    // Done is not the end: whether each countermeasure works is asked some weeks later.
    const lines = work.done.map(({ item, incident }) => `• ${escapeAndTruncate(item.description, 200)} — ${doneState(item)} · <#${incident.channelId}>${issueLink(item)}`);
    blocks.push(mrkdwnSection(`*Done lately*\n${lines.join('\n')}`));
  }

  blocks.push({ type: 'divider' }, mrkdwnSection(`*My open incidents (${work.incidents.length})*`));
  if (work.incidents.length === 0) blocks.push(contextLine('None open.'));
  for (const incident of work.incidents.slice(0, INCIDENTS_SHOWN)) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${stateLine(incident)} — *${escapeAndTruncate(incident.title, 500)}*\n<#${incident.channelId}> · Commander ${commanderMention(incident.commanderId)}` },
    });
  }

  blocks.push({ type: 'divider' }, mrkdwnSection('*Recent post-mortems*'));
  blocks.push(
    work.postmortems.length === 0
      ? contextLine('None published yet.')
      : {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: work.postmortems
              .map(({ incident, publishedAt }) => `• <#${incident.channelId}> ${escapeAndTruncate(incident.title, 300)} · ${incident.severity} · ${slackDate(publishedAt, '{date_short}')}`)
              .join('\n'),
          },
        },
  );

  if (work.insights) blocks.push(...insightsHomeBlocks(work.insights));

  blocks.push(
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'When something breaks, run `/incident` from any channel. The bot keeps the incident channel, its timeline and the post-mortem in one place.',
      },
    },
    mrkdwnSection(`*Commands*\n${commandList(commands)}`),
  );
  return { type: 'home', blocks };
}

/** `done → verified`, or done with when the check comes. */
function doneState(item: ActionItem): string {
  const words = PROGRESS_WORDS[itemProgress(item)];
  const check = item.verification;
  if (check?.status === 'scheduled' && check.at) return `${words}, check ${slackDate(check.at, '{date_short}')}`;
  if (check?.status === 'asked') return `${words}, asked whether it works`;
  if (check?.status === 'not_needed') return `${words}, no check needed`;
  return words;
}
