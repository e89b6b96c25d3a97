import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Incident } from '../../incidents/incident';
import { type CardContext, EMPTY_CARD_CONTEXT, type LinkedAlert } from '../../incidents/card-context';
import { STATUS_LABELS, isClosed } from '../../incidents/status';
import { BlockId, IncidentAction, PostmortemAction } from '../ids';
import { SEVERITY_EMOJI } from './severity-emoji';
import type { SlackMessage } from '../../render/slack-message';
import { escapeAndTruncate, escapeMrkdwn, mrkdwnLink } from '../../mrkdwn/escape';
import { slackDate } from '../../mrkdwn/date-token';
import { button, contextLine, header, mrkdwnSection } from './block-kit';
import { commanderMention } from '../../mrkdwn/mention';
import { repositoryLink } from '../../mrkdwn/repository-link';

const HEADER_MAX = 150;

/** `:red_circle: SEV1 · Investigating`: how an incident's state reads in one glance. */
export function stateLine(incident: Incident): string {
  return `${SEVERITY_EMOJI[incident.severity]} *${incident.severity}* · ${STATUS_LABELS[incident.status]}`;
}

function facts(incident: Incident): string {
  const lines = [
    `*Commander:* ${commanderMention(incident.commanderId)}`,
    `*Impact started:* ${slackDate(incident.impactStartedAt)}`,
    `*Declared:* ${slackDate(incident.declaredAt)} by <@${incident.declaredBy}>`,
  ];
  if (incident.detectedAt) lines.push(`*Detected:* ${slackDate(incident.detectedAt)}`);
  if (incident.mitigatedAt) lines.push(`*Mitigated:* ${slackDate(incident.mitigatedAt)}`);
  if (incident.resolvedAt) lines.push(`*Resolved:* ${slackDate(incident.resolvedAt)}`);
  if (incident.resolutionNote) lines.push(`*Resolution:* ${escapeAndTruncate(incident.resolutionNote, 1000)}`);
  return lines.join('\n');
}

function cardButton(text: string, actionId: string, incidentId: string, style?: 'primary' | 'danger'): Button {
  return button(text, actionId, { value: incidentId, style });
}

function cardActions(incident: Incident): ActionsBlock {
  const postmortem = cardButton('Write post-mortem', PostmortemAction.open, incident.id);
  const elements = isClosed(incident.status)
    ? [postmortem, cardButton('Reopen', IncidentAction.reopen, incident.id)]
    : [
        cardButton('Update status', IncidentAction.updateStatus, incident.id),
        cardButton('Change severity', IncidentAction.changeSeverity, incident.id),
        incident.commanderId
          ? cardButton('Assign commander', IncidentAction.assignCommander, incident.id)
          : cardButton('Take command', IncidentAction.takeCommand, incident.id, 'primary'),
        postmortem,
        cardButton('Resolve', IncidentAction.resolve, incident.id, 'primary'),
      ];
  return { type: 'actions', block_id: BlockId.cardActions, elements };
}

function headerText(incident: Incident): string {
  const text = `${incident.severity}: ${incident.title}`;
  return text.length > HEADER_MAX ? `${text.slice(0, HEADER_MAX - 1)}…` : text;
}

/** Lines of linked alerts the card shows; the rest are counted. */
const CARD_ALERTS_MAX = 10;

/** The alerts linked to the incident, firing first, each with its own times. */
function alertLines(alerts: LinkedAlert[]): string {
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const ordered = [...alerts].sort((a, b) => (a.status === b.status ? a.startsAt.getTime() - b.startsAt.getTime() : a.status === 'firing' ? -1 : 1));
  const lines = ordered.slice(0, CARD_ALERTS_MAX).map((alert) => {
    const shown = alert.link ? mrkdwnLink(alert.link, alert.name.slice(0, 150)) : `*${escapeAndTruncate(alert.name, 150)}*`;
    return alert.status === 'firing'
      ? `:rotating_light: ${shown} firing since ${slackDate(alert.startsAt)}`
      : `:white_check_mark: ${shown} resolved ${slackDate(alert.endsAt ?? alert.startsAt)}`;
  });
  if (alerts.length > CARD_ALERTS_MAX) lines.push(`…and ${alerts.length - CARD_ALERTS_MAX} more`);
  return [`*Alerts:* ${firing} firing, ${alerts.length - firing} resolved`, ...lines].join('\n');
}

/** The pinned card in the incident channel: the incident's state, its alerts and its controls. */
export function incidentCard(incident: Incident, context: CardContext = EMPTY_CARD_CONTEXT): SlackMessage {
  const { alerts, postmortemLink } = context;
  const blocks: KnownBlock[] = [
    header(headerText(incident)),
    mrkdwnSection(stateLine(incident)),
  ];
  if (incident.description) {
    blocks.push(mrkdwnSection(escapeAndTruncate(incident.description, 3000)));
  }
  blocks.push(mrkdwnSection(facts(incident)));
  if (postmortemLink) blocks.push(mrkdwnSection(`:page_facing_up: *Post-mortem:* ${repositoryLink(postmortemLink, 'README.md')}`));
  if (alerts.length > 0) blocks.push(mrkdwnSection(alertLines(alerts)));
  if (!incident.commanderId && !isClosed(incident.status)) {
    blocks.push(mrkdwnSection(':raising_hand: *Nobody has taken command yet.* Whoever leads the response: press *Take command*.'));
  }
  blocks.push(cardActions(incident));
  return {
    text: `${incident.severity} ${STATUS_LABELS[incident.status]}: ${escapeMrkdwn(incident.title)}`,
    blocks,
  };
}

/** The announcement in the incidents channel, edited in place as the incident moves. */
export function announcementMessage(incident: Incident): SlackMessage {
  const channel = incident.channelId ? `<#${incident.channelId}>` : 'its channel';
  const summary = `${stateLine(incident)} — *${escapeAndTruncate(incident.title, 2800)}*`;
  const details = `Join ${channel} · Commander ${commanderMention(incident.commanderId)} · Declared ${slackDate(incident.declaredAt)}`;
  const blocks: KnownBlock[] = [
    mrkdwnSection(summary),
    contextLine(details),
  ];
  return {
    text: `${incident.severity} incident ${STATUS_LABELS[incident.status].toLowerCase()}: ${escapeMrkdwn(incident.title)}`,
    blocks,
  };
}

/** Topics hold up to 250 characters; Slack formats links in them, so the title is escaped. */
export function incidentTopic(incident: Incident): string {
  const prefix = `${incident.severity} · ${STATUS_LABELS[incident.status]} · `;
  return `${prefix}${escapeAndTruncate(incident.title, 250 - prefix.length)}`;
}
