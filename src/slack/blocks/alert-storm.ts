import type { KnownBlock, PlainTextOption } from '@slack/types';
import type { AlertGroupView } from '../../alerts/alert-group';
import type { StormList } from '../../alerts/alert-port';
import { escapeAndTruncate, truncateSlackText } from '../../mrkdwn/escape';
import type { SlackMessage } from '../../render/slack-message';
import { AlertAction, BlockId } from '../ids';
import { contextLine, mrkdwnSection, option, plainText } from './block-kit';
import { SEVERITY_EMOJI } from './severity-emoji';

/** Groups listed line by line; the rest are counted. A section holds 3,000 characters. */
const LINES_MAX = 15;
/** A static select holds at most 100 options. */
const OPTIONS_MAX = 100;

function state(view: AlertGroupView): string {
  const { group, incident } = view;
  if (group.state === 'linked') return incident && !incident.isPrivate && incident.channelId ? `declared: <#${incident.channelId}>` : 'declared';
  if (group.state === 'declined') return 'not an incident';
  return view.alerts.some((a) => a.status === 'firing') ? `${view.alerts.filter((a) => a.status === 'firing').length} firing` : 'resolved';
}

const waiting = (view: AlertGroupView) => view.group.state === 'held' && view.alerts.some((a) => a.status === 'firing');

/**
 * One message for an alert storm's held groups, edited in place: how many are still firing, a
 * line for each, and a menu to declare an incident for any of them.
 */
export function alertStormMessage(list: StormList): SlackMessage {
  const open = list.held.filter(waiting);
  const summary = `Alert storm: ${open.length} more ${open.length === 1 ? 'group' : 'groups'} firing`;
  const heading = `:cyclone: *${summary}*`;
  // Groups still waiting for a person first: in a long storm they must not hide behind "…and N more".
  const ordered = [...open, ...list.held.filter((view) => !waiting(view))];
  const lines = ordered.slice(0, LINES_MAX).map(
    (view) => `${SEVERITY_EMOJI[view.group.severity]} ${escapeAndTruncate(view.group.title, 100)} (${view.group.source}) — ${state(view)}`,
  );
  if (list.held.length > LINES_MAX) lines.push(`…and ${list.held.length - LINES_MAX} more`);
  const blocks: KnownBlock[] = [
    mrkdwnSection(truncateSlackText(`${heading}\n${lines.join('\n')}`, 3000)),
    contextLine(`Offers are paused at ${list.offersPerMinute} a minute so this channel stays readable. Declare from the menu for any group here.`),
  ];
  const options: PlainTextOption[] = open
    .slice(0, OPTIONS_MAX)
    .map((view) => option(`${view.group.severity} ${view.group.title}`.slice(0, 75), view.group.id));
  if (options.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: BlockId.alertStormActions,
      elements: [{ type: 'static_select', action_id: AlertAction.declareHeld, placeholder: plainText('Declare an incident for…'), options }],
    });
  }
  return { text: summary, blocks };
}
