import type { StoredInstant } from '../db/instant';

export interface TimelineEntriesTable {
  id: string;
  incident_id: string;
  /** `system` (lifecycle changes), `message` (captured from Slack) or `manual` (written in). */
  kind: string;
  occurred_at: StoredInstant;
  actor_id: string | null;
  change: string | null;
  old_value: string | null;
  new_value: string | null;
  text: string | null;
  source_channel_id: string | null;
  source_ts: string | null;
  author_id: string | null;
  permalink: string | null;
  files_note: string | null;
  milestone: string | null;
  edited_at: StoredInstant | null;
  edited_by: string | null;
  /** For messages: `reaction` or `shortcut`; only reaction captures go when the last mark does. */
  captured_via: string | null;
  /** Removed by a person; kept so that a later reaction does not bring it back. */
  dismissed_at: StoredInstant | null;
  created_at: StoredInstant;
}

/** How often a message's timeline mark was taken away: a capture re-reads Slack only when it moved. */
export interface TimelineMarkRemovalsTable {
  channel_id: string;
  message_ts: string;
  removals: number;
  updated_at: StoredInstant;
}
