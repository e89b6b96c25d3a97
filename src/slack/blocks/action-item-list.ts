import type { KnownBlock } from '@slack/types';
import type { ActionItem } from '../../action-items/action-item';
import { type ItemProgress, itemProgress } from '../../action-items/item-progress';
import type { Incident } from '../../incidents/incident';
import { itemSummary } from './action-item-message';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import type { SlackMessage } from '../../render/slack-message';
import { contextLine, mrkdwnSection } from './block-kit';

const SHOWN = 40;
const STATE: Record<ItemProgress, string> = {
  open: ':hourglass: open',
  reopened: ':repeat: reopened: not effective',
  done: ':white_check_mark: done',
  verified: ':white_check_mark: done → verified',
  unconfirmed: ':white_check_mark: done, not confirmed to work',
  wont_do: ":no_entry_sign: won't do",
};

/** Items with their state, as a private reply; `title` says whose or which. */
export function actionItemList(title: string, entries: Array<{ item: ActionItem; incident: Incident }>, today: string): SlackMessage {
  const blocks: KnownBlock[] = [mrkdwnSection(`*${escapeAndTruncate(title, 500)}*`)];
  if (entries.length === 0) blocks.push(contextLine('No action items.'));
  for (const { item, incident } of entries.slice(0, SHOWN)) {
    const state = item.status === 'open' && item.dueDate < today ? ':warning: overdue' : STATE[itemProgress(item)];
    const owner = `owner <@${item.ownerId}>`;
    const reason = item.status === 'wont_do' && item.statusReason ? ` — ${escapeAndTruncate(item.statusReason, 300)}` : '';
    blocks.push(mrkdwnSection(`${itemSummary(item, incident)}\n${state} · ${owner}${reason}`));
  }
  if (entries.length > SHOWN) blocks.push(contextLine(`…and ${entries.length - SHOWN} more.`));
  return { text: `${escapeAndTruncate(title, 500)}: ${entries.length}`, blocks };
}
