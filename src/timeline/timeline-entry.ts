/** What a system entry records: the incident was declared, or one of its facts changed. */
export type SystemChange = 'declared' | 'severity' | 'status' | 'commander' | 'resolved' | 'reopened';

/** A lifecycle change, recorded by the bot with who made it and when. */
export interface SystemEntry {
  id: string;
  incidentId: string;
  kind: 'system';
  occurredAt: Date;
  actorId: string | null;
  change: SystemChange;
  oldValue: string | null;
  newValue: string | null;
  /** Free text that goes with the change, such as the resolution note. */
  text: string | null;
}

export type TimelineEntry = SystemEntry;

export type NewSystemEntry = Omit<SystemEntry, 'id' | 'kind'>;
