import { fromStoredInstant } from '../db/instant';
import type { TimelineRow } from './timeline.repository';
import type { Milestone, SystemChange, TimelineEntry } from './timeline-entry';

export function toTimelineEntry(row: TimelineRow): TimelineEntry {
  const base = {
    id: row.id,
    incidentId: row.incident_id,
    occurredAt: fromStoredInstant(row.occurred_at),
    actorId: row.actor_id,
    editedAt: row.edited_at ? fromStoredInstant(row.edited_at) : null,
    editedBy: row.edited_by,
  };
  if (row.kind === 'message') {
    return {
      ...base,
      kind: 'message',
      authorId: row.author_id,
      text: row.text ?? '',
      source: { channelId: row.source_channel_id ?? '', ts: row.source_ts ?? '' },
      permalink: row.permalink,
      filesNote: row.files_note,
    };
  }
  if (row.kind === 'manual') {
    return { ...base, kind: 'manual', text: row.text ?? '', milestone: (row.milestone as Milestone | null) ?? null };
  }
  return {
    ...base,
    kind: 'system',
    change: row.change as SystemChange,
    oldValue: row.old_value,
    newValue: row.new_value,
    text: row.text,
  };
}
