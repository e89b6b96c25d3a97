/** What a system entry records: the incident was declared, or one of its facts changed. */
export type SystemChange = 'declared' | 'severity' | 'status' | 'commander' | 'resolved' | 'reopened';

export interface TimelineEntry {
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

export type NewSystemEntry = Omit<TimelineEntry, 'id' | 'kind'>;
