import type { KnownBlock } from '@slack/types';
import type { AlertGroupView } from '../../alerts/alert-group';
import type { ReceivedAlert } from '../../alerts/alert-notification';
import type { AlertTransition } from '../../alerts/apply-notification';
import { slackDate } from '../../mrkdwn/date-token';
import { escapeAndTruncate, mrkdwnLink, truncateSlackText } from '../../mrkdwn/escape';
import { mention } from '../../mrkdwn/mention';
import type { SlackMessage } from '../../render/slack-message';
import { AlertAction, BlockId, IncidentAction } from '../ids';
import { button, contextLine, mrkdwnSection } from './block-kit';
import { SEVERITY_EMOJI } from './severity-emoji';

/** Alerts an offer describes one by one; the rest are counted. */
const OFFER_ALERTS_MAX = 5;
/** Labels that say what is affected; `alertname` and `severity` are shown already. */
const LABELS_SHOWN = 6;
const HIDDEN_LABELS = new Set(['alertname', 'severity', '__name__']);

/** `service=api · env=prod`: the labels worth reading, escaped (alert text is untrusted). */
export function labelLine(labels: Record<string, string>): string {
  const shown = Object.entries(labels).filter(([name, value]) => !HIDDEN_LABELS.has(name) && value !== '');
  const text = shown.slice(0, LABELS_SHOWN).map(([name, value]) => `\`${escapeAndTruncate(name, 50).replace(/`/g, "'")}=${escapeAndTruncate(value, 80).replace(/`/g, "'")}\``);
  return text.join(' ');
}

/** Links to the generator, the dashboard, the runbook and the alert's own page, as far as it has them. */
export function linkLine(alert: ReceivedAlert): string {
  const { links } = alert;
  const named: Array<[string | undefined, string]> = [
    [links.source, 'Open alert'],
    [links.generator, 'Source'],
    [links.dashboard, 'Dashboard'],
    [links.runbook, 'Runbook'],
  ];
  return named.flatMap(([url, label]) => (url ? [mrkdwnLink(url, label)] : [])).join(' · ');
}

function alertLine(alert: ReceivedAlert): string {
  const state = alert.status === 'firing' ? ':rotating_light:' : ':white_check_mark:';
  const about = alert.summary ?? alert.description;
  const lines = [`${state} *${escapeAndTruncate(alert.name, 150)}*${about ? ` — ${escapeAndTruncate(about, 400)}` : ''}`];
  const labels = labelLine(alert.labels);
  const links = linkLine(alert);
  if (labels || links) lines.push([labels, links].filter(Boolean).join('  '));
  // Four long URLs could pass a section's 3,000 characters; the cut never splits a link.
  return truncateSlackText(lines.join('\n'), 3000);
}

/** "3 firing, 1 resolved · since …": the group in one line. */
export function groupCounts(view: AlertGroupView): string {
  const firing = view.alerts.filter((a) => a.status === 'firing').length;
  const since = view.group.earliestStartsAt ? ` · started ${slackDate(view.group.earliestStartsAt)}` : '';
  return `${firing} firing, ${view.alerts.length - firing} resolved${since}`;
}

/** What became of the offer, in one line, or null while it waits for a person. */
function outcomeLine(view: AlertGroupView): string | null {
  const { group, incident } = view;
  if (group.state === 'linked') {
    if (!incident) return ':link: Declared as an incident.';
    // A private incident's channel is never named outside it.
    return incident.isPrivate || !incident.channelId ? ':link: Declared as a private incident.' : `:link: Declared: <#${incident.channelId}>`;
  }
  if (group.state === 'declined' && group.declined) {
    return `:no_entry_sign: Not an incident — ${mention(group.declined.by)}: ${escapeAndTruncate(group.declined.reason, 500)}`;
  }
  return null;
}

/**
 * The offer in the incidents channel: what is firing, with Declare incident and Not an incident,
 * edited in place as alerts change and once a person has decided.
 */
export function alertOfferMessage(view: AlertGroupView): SlackMessage {
  const { group, alerts } = view;
  const firing = alerts.some((a) => a.status === 'firing');
  const heading = `${SEVERITY_EMOJI[group.severity]} *${firing ? 'Alert firing' : 'Alert resolved'}:* ${escapeAndTruncate(group.title, 300)}`;
  const blocks: KnownBlock[] = [
    mrkdwnSection(heading),
    contextLine(`*${group.severity}* (from the alert) · ${group.source} · ${groupCounts(view)}`),
  ];
  for (const alert of alerts.filter((a) => a.status === 'firing').concat(alerts.filter((a) => a.status !== 'firing')).slice(0, OFFER_ALERTS_MAX)) {
    blocks.push(mrkdwnSection(alertLine(alert)));
  }
  if (alerts.length > OFFER_ALERTS_MAX) blocks.push(contextLine(`…and ${alerts.length - OFFER_ALERTS_MAX} more alerts in this group.`));
  const outcome = outcomeLine(view);
  if (outcome) {
    blocks.push(contextLine(outcome));
  } else {
    blocks.push({
      type: 'actions',
      block_id: BlockId.alertOfferActions,
      elements: [
        button('Declare incident', AlertAction.declare, { value: group.id, style: 'primary' }),
        button('Not an incident', AlertAction.dismiss, { value: group.id }),
      ],
    });
  }
  return { text: `${group.severity} ${firing ? 'alert firing' : 'alert resolved'}: ${escapeAndTruncate(group.title, 300)}`, blocks };
}

/** Lines of alert news an incident channel message carries; the rest are counted. */
const CHANGES_MAX = 10;

/** One message in the incident channel for what a notification changed. */
export function alertChangesMessage(transitions: readonly AlertTransition[]): SlackMessage {
  const lines = transitions.slice(0, CHANGES_MAX).map(({ alert, kind, at }) =>
    kind === 'fired'
      ? `:rotating_light: Alert *${escapeAndTruncate(alert.name, 150)}* fired ${slackDate(at)}${alert.summary ? ` — ${escapeAndTruncate(alert.summary, 300)}` : ''}`
      : `:white_check_mark: Alert *${escapeAndTruncate(alert.name, 150)}* resolved ${slackDate(at)}`,
  );
  if (transitions.length > CHANGES_MAX) lines.push(`…and ${transitions.length - CHANGES_MAX} more changes (see the timeline).`);
  // Ten long summaries could pass a section's 3,000 characters; the cut never splits a token.
  const text = truncateSlackText(lines.join('\n'), 3000);
  return { text, blocks: [mrkdwnSection(text)] };
}

/** After every linked alert resolved: a person decides whether the incident is over. */
export function resolvePromptMessage(incidentId: string): SlackMessage {
  return {
    text: 'All alerts resolved — resolve the incident?',
    blocks: [
      {
        type: 'section',
        block_id: BlockId.alertResolvePrompt,
        text: { type: 'mrkdwn', text: ':white_check_mark: *All alerts resolved* — resolve the incident? An alert never resolves it by itself.' },
        accessory: button('Resolve', IncidentAction.resolve, { value: incidentId, style: 'primary' }),
      },
    ],
  };
}
