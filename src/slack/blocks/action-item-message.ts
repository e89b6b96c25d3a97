import type { ActionsBlock, KnownBlock } from '@slack/types';
import { ACTION_ITEM_TYPE_LABELS, type ActionItem, type ReminderKind } from '../../action-items/action-item';
import type { SnoozeDays } from '../../action-items/reminder-state';
import type { Incident } from '../../incidents/incident';
import { BlockId, ItemAction } from '../ids';
import { escapeAndTruncate, mrkdwnLink } from '../../mrkdwn/escape';
import type { SlackMessage } from '../../render/slack-message';
import { slackDate } from '../../mrkdwn/date-token';
import { button, contextLine, mrkdwnSection } from './block-kit';

const LEAD: Record<Exclude<ReminderKind, 'reschedule'>, string> = {
  assigned: ':clipboard: You own a new action item',
  due: ':alarm_clock: Your action item is due today',
  overdue: ':warning: Your action item is overdue',
};

/**
 * The four buttons of an open item: done, snooze a day or a week, won't do, and the way to its
 * incident. A snooze button names its day (`<item id>:<yyyy-MM-dd>`) when `snooze` is given, so
 * clicking it twice snoozes once; without, it carries the item alone and snoozes from the
 * reminder that is coming.
 */
export function itemButtons(item: ActionItem, incident: Incident, blockId = `${BlockId.itemActions}:${item.id}`, snooze?: SnoozeDays, issues?: ItemIssueButton): ActionsBlock {
  const snoozeTo = (day: string | undefined) => (day ? `${item.id}:${day}` : item.id);
  return {
    type: 'actions',
    block_id: blockId,
    elements: [
      button('Mark done', ItemAction.done, { value: item.id, style: 'primary' }),
      button('Snooze 1 day', ItemAction.snoozeDay, { value: snoozeTo(snooze?.day) }),
      button('Snooze 1 week', ItemAction.snoozeWeek, { value: snoozeTo(snooze?.week) }),
      button("Won't do", ItemAction.wontDo, { value: item.id }),
      ...(issues && !item.issue ? [button(`Create ${issues.trackerName} issue`, ItemAction.createIssue, { value: item.id })] : []),
      button('Open incident', ItemAction.openIncident, { url: `https://slack.com/app_redirect?channel=${incident.channelId}` }),
    ],
  };
}

/** The tracker whose issues are filed on request (`TRACKER_CREATE=button`): an item without one gets a button. */
export interface ItemIssueButton {
  trackerName: string;
}

/** ` · OPS-12` linked to the issue, when the item has one. */
export function issueLink(item: Pick<ActionItem, 'issue'>): string {
  return item.issue ? ` · ${mrkdwnLink(item.issue.url, item.issue.label)}` : '';
}

/** What the item is, where it came from, and when it is due. */
export function itemSummary(item: ActionItem, incident: Incident): string {
  const ticket = item.ticketUrl ? ` · ${mrkdwnLink(item.ticketUrl, 'ticket')}` : '';
  return `*${escapeAndTruncate(item.description, 1500)}*\n${ACTION_ITEM_TYPE_LABELS[item.type]} · due *${item.dueDate}* · from <#${incident.channelId}> (${escapeAndTruncate(incident.title, 300)})${issueLink(item)}${ticket}`;
}

/** Where an item stands once someone acted on it, for the DM edited in place. */
export function itemState(item: ActionItem, note?: string): string {
  const when = item.statusChangedAt ? ` ${slackDate(item.statusChangedAt)}` : '';
  // Closed in the tracker: nobody in Slack did it, and the note says who did there.
  const by = item.statusChangedBy ? ` by <@${item.statusChangedBy}>` : '';
  if (item.status === 'done') return `:white_check_mark: Done${by}${when}.${verificationState(item)}${note ? ` ${note}` : ''}`;
  if (item.status === 'wont_do') {
    const said = item.statusChangedBy ? `, said <@${item.statusChangedBy}>${when}` : '';
    return `:no_entry_sign: Won't do${said}: ${escapeAndTruncate(item.statusReason ?? '', 600)}${note ? ` ${note}` : ''}`;
  }
  const reopened = item.verificationNote ? `:repeat: Reopened. ${escapeAndTruncate(item.verificationNote, 600)}` : '';
  return [reopened, note ?? ''].filter(Boolean).join('\n');
}

/** ` Verified by … on …` and the like, after "Done": whether the countermeasure was confirmed to work. */
function verificationState(item: ActionItem): string {
  const check = item.verification;
  if (!check) return '';
  switch (check.status) {
    case 'verified':
      return ` Verified to work${check.by ? ` by <@${check.by}>` : ''}${check.decidedAt ? ` ${slackDate(check.decidedAt)}` : ''}.`;
    case 'unconfirmed':
      return ' Nobody could confirm it works.';
    case 'scheduled':
      return check.at ? ` Whether it works is asked ${slackDate(check.at, '{date_short}')}.` : '';
    case 'asked':
      return ' Asked whether it works.';
    default:
      return '';
  }
}

/**
 * A reminder DM, or the same message after the owner acted on it (then without buttons once the
 * item is closed). `snooze` is the days its snooze buttons name.
 */
export function actionItemMessage(item: ActionItem, incident: Incident, kind: ReminderKind | null, note?: string, snooze?: SnoozeDays, issues?: ItemIssueButton): SlackMessage {
  const lead = kind && kind !== 'reschedule' ? LEAD[kind] : ':clipboard: Action item';
  const blocks: KnownBlock[] = [
    mrkdwnSection(`${lead}\n${itemSummary(item, incident)}`),
  ];
  const state = itemState(item, note);
  if (state) blocks.push(contextLine(state));
  if (item.status === 'open') blocks.push(itemButtons(item, incident, undefined, snooze, issues));
  return { text: `${lead.replace(/^:[a-z_]+: /, '')}: ${escapeAndTruncate(item.description, 300)} (due ${item.dueDate})`, blocks };
}
