import { ACTION_ITEM_TYPE_LABELS, type ActionItem } from '../action-items/action-item';
import type { Incident } from '../incidents/incident';
import { type IssueContent, type IssueLine, itemMarker } from './tracker';

/** Titles past this are cut: trackers show a line, and Jira refuses more than 255 characters. */
const TITLE_MAX = 200;

export interface IssueFacts {
  item: ActionItem;
  incident: Incident;
  /** The owner's name as the chat knows it. */
  ownerName: string | null;
  /** The owner's tracker account, or null when none matched them. */
  ownerAccount: string | null;
  trackerName: string;
  links: { channel: string | null; postmortem: string | null; file: string | null };
}

/**
 * The issue filed for an action item: what to do and why, its type and due date, who owns it,
 * and links back to the incident and its post-mortem. A private incident's issue names neither
 * its title nor its channel: the tracker is read by more people than the incident was.
 */
export function issueContent({ item, incident, ownerName, ownerAccount, trackerName, links }: IssueFacts): IssueContent {
  const description = item.description.replace(/\s+/g, ' ').trim();
  const title = description.length > TITLE_MAX ? `${description.slice(0, TITLE_MAX - 1)}…` : description;
  const owner = ownerName ?? 'the owner in Slack';
  const lines: IssueLine[] = [
    { label: 'What', text: item.description.trim() },
    {
      label: 'Why',
      text: incident.isPrivate
        ? `A follow-up of a private ${incident.severity} incident.`
        : `A follow-up of the ${incident.severity} incident "${incident.title}".`,
    },
    { label: 'Type', text: ACTION_ITEM_TYPE_LABELS[item.type] },
    { label: 'Due', text: item.dueDate },
    { label: 'Owner', text: ownerAccount ? owner : `${owner} (no ${trackerName} account matched their Slack email; assign it by hand)` },
  ];
  if (!incident.isPrivate && links.channel) lines.push({ label: 'Incident channel', text: incident.channelName ? `#${incident.channelName}` : 'Slack', url: links.channel });
  if (!incident.isPrivate && links.postmortem) lines.push({ label: 'Post-mortem', text: 'in Slack', url: links.postmortem });
  if (links.file) lines.push({ label: 'Post-mortem file', text: 'in git', url: links.file });
  return {
    title,
    lines,
    marker: itemMarker(item.id),
    labels: ['incident', incident.severity.toLowerCase(), item.type],
    dueDate: item.dueDate,
    assignee: ownerAccount,
  };
}
