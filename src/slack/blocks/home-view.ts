import type { HomeView, KnownBlock } from '@slack/types';
import type { MyWork } from '../../home/my-work';
import { type CommandUsage, PRODUCT_NAME, commandList } from './help-message';
import { itemButtons, itemSummary } from './action-item-message';
import { stateLine } from './incident-card';
import { BlockId } from '../ids';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { slackDate } from '../../mrkdwn/date-token';
import { contextLine, header, mrkdwnSection } from './block-kit';
import { commanderMention } from '../../mrkdwn/mention';

/** Items shown with their buttons (two blocks each), keeping the Home tab under 100 blocks. */
const ITEMS_SHOWN = 25;
const INCIDENTS_SHOWN = 10;

const EMPTY_WORK: MyWork = { items: [], incidents: [], postmortems: [] };

/** The App Home tab: my action items (overdue first), my open incidents, recent post-mortems, and how to start. */
export function homeView(commands: readonly CommandUsage[], work: MyWork = EMPTY_WORK, today = ''): HomeView {
  const blocks: KnownBlock[] = [header(PRODUCT_NAME)];

  blocks.push(mrkdwnSection(`*My action items (${work.items.length})*`));
  if (work.items.length === 0) {
    blocks.push(contextLine('Nothing assigned to you. :sparkles:'));
  }
  for (const { item, incident } of work.items.slice(0, ITEMS_SHOWN)) {
    const overdue = today && item.dueDate < today ? ':warning: *Overdue* · ' : '';
    blocks.push(mrkdwnSection(`${overdue}${itemSummary(item, incident)}`), itemButtons(item, incident, `${BlockId.homeItemActions}:${item.id}`));
  }
  if (work.items.length > ITEMS_SHOWN) {
    blocks.push(contextLine(`…and ${work.items.length - ITEMS_SHOWN} more: \`/incident actions\``));
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
