/**
 * What a system entry records: the incident was declared, one of its facts changed, or one of its
 * alerts fired or resolved (at the alert's own time; `newValue` its name, `oldValue` its source).
 */
export type SystemChange =
  | 'declared'
  | 'severity'
  | 'status'
  | 'commander'
  | 'resolved'
  | 'reopened'
  | 'postmortem_published'
  | 'alert_fired'
  | 'alert_resolved';

/** Moments a post-mortem measures from; a manual entry can mark one, which sets the incident's instant. */
export const MILESTONES = ['impact_started', 'detected', 'mitigated', 'resolved'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_LABELS: Record<Milestone, string> = {
  impact_started: 'Impact started',
  detected: 'Detected',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

interface EntryBase {
  id: string;
  incidentId: string;
  occurredAt: Date;
  /** Who made the change, captured the message, or wrote the entry. */
  actorId: string | null;
  editedAt: Date | null;
  editedBy: string | null;
}

/** A lifecycle change, recorded by the bot with who made it and when. */
export interface SystemEntry extends EntryBase {
  kind: 'system';
  change: SystemChange;
  oldValue: string | null;
  newValue: string | null;
  /** Free text that goes with the change, such as the resolution note. */
  text: string | null;
}

/** A message from the channel, at the message's own time, kept in step with edits and deletion. */
export interface MessageEntry extends EntryBase {
  kind: 'message';
  authorId: string | null;
  /** The message as Slack formats it: mentions stay mentions, special characters are escaped. */
  text: string;
  source: { channelId: string; ts: string };
  permalink: string | null;
  filesNote: string | null;
}

/** Something that happened outside Slack (an alert, a customer email), written in by a person. */
export interface ManualEntry extends EntryBase {
  kind: 'manual';
  /** As the person typed it. */
  text: string;
  milestone: Milestone | null;
}

export type TimelineEntry = SystemEntry | MessageEntry | ManualEntry;

export type NewSystemEntry = Omit<SystemEntry, 'id' | 'kind' | 'editedAt' | 'editedBy'>;

/** A message read from the chat, as the timeline needs it. */
export interface ChannelMessage {
  channelId: string;
  ts: string;
  postedAt: Date;
  authorId: string | null;
  /** Posted by a bot or an app (ours included): never a timeline entry. */
  byBot: boolean;
  text: string;
  filesNote: string | null;
  permalink: string | null;
}
