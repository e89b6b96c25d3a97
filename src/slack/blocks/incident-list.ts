import type { KnownBlock } from '@slack/types';
import type { Incident } from '../../incidents/incident';
import type { SlackMessage } from '../../render/slack-message';
import { stateLine } from './incident-card';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { slackDate } from '../../mrkdwn/date-token';
import { contextLine, mrkdwnSection } from './block-kit';
import { commanderMention } from '../../mrkdwn/mention';

/** Leaves room under Slack's 50 blocks for the header and the "more" line. */
const MAX_LISTED = 45;

export function incidentList(incidents: Incident[]): SlackMessage {
  if (incidents.length === 0) {
    return { text: 'No open incidents.', blocks: [mrkdwnSection(':white_check_mark: No open incidents.')] };
  }
  const blocks: KnownBlock[] = [
    mrkdwnSection(`*Open incidents (${incidents.length})*`),
  ];
  for (const incident of incidents.slice(0, MAX_LISTED)) {
    const line = `${stateLine(incident)} — *${escapeAndTruncate(incident.title, 2500)}*\n<#${incident.channelId}> · Commander ${commanderMention(incident.commanderId)} · Declared ${slackDate(incident.declaredAt)}`;
    blocks.push(mrkdwnSection(line));
  }
  if (incidents.length > MAX_LISTED) {
    blocks.push(contextLine(`…and ${incidents.length - MAX_LISTED} more.`));
  }
  return { text: `Open incidents: ${incidents.length}`, blocks };
}
