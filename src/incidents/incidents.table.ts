import type { Generated } from 'kysely';
import type { StoredInstant } from '../db/instant';

export interface IncidentsTable {
  id: string;
  /** The declare form's view id: a second submission of the same form finds this row. */
  request_key: string;
  title: string;
  severity: string;
  status: string;
  /** 0 or 1: portable across SQLite and PostgreSQL. */
  is_private: number;
  description: string | null;
  channel_id: string | null;
  channel_name: string | null;
  /** Empty while nobody has taken command (an alert rule declared the incident). */
  commander_id: string;
  declared_by: string;
  /** Comma-separated user ids invited when declaring. */
  responder_ids: string;
  impact_started_at: StoredInstant;
  declared_at: StoredInstant;
  detected_at: StoredInstant | null;
  mitigated_at: StoredInstant | null;
  resolved_at: StoredInstant | null;
  resolution_note: string | null;
  card_ts: string | null;
  card_pinned: Generated<number>;
  members_invited: Generated<number>;
  topic_set: Generated<number>;
  announcement_channel_id: string | null;
  announcement_ts: string | null;
  setup_completed_at: StoredInstant | null;
  /** While set and in the future, one process is setting the incident up; others keep off. */
  setup_lease_until: StoredInstant | null;
  /** Set at resolution for severities that owe a post-mortem; cleared when it is published. */
  postmortem_due_at: StoredInstant | null;
  /** When the commander is next reminded; moved forward when a reminder is claimed. */
  postmortem_nudge_at: StoredInstant | null;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}
