import type { Generated } from 'kysely';
import type { StoredInstant } from '../db/instant';

export interface PostmortemsTable {
  id: string;
  incident_id: string;
  /** {@link PostmortemContent} as JSON. */
  content: string;
  version: number;
  updated_by: string | null;
  updated_at: StoredInstant | null;
  /** Comma-separated user ids, in order of first save. */
  author_ids: string;
  published_at: StoredInstant | null;
  published_by: string | null;
  /** {@link BlamelessNote}[] as JSON, when published despite notes. */
  overridden_notes: string | null;
  /** While set and in the future, someone is publishing; others wait. */
  publish_lease_until: StoredInstant | null;
  created_at: StoredInstant;
}

export interface PostmortemMessagesTable {
  postmortem_id: string;
  channel_id: string;
  position: number;
  ts: string;
  /** A fingerprint of the message's content when last shown; null when not known. */
  content_hash: string | null;
}

/** A post-mortem's way to the team's git repository: the version wanted there and the version pushed. */
export interface PostmortemExportsTable {
  incident_id: string;
  wanted_version: number;
  pushed_version: Generated<number>;
  pushed_commit: string | null;
  pushed_at: StoredInstant | null;
  publisher_id: string | null;
  /** While set and in the future, one process is pushing it. */
  lease_until: StoredInstant | null;
  attempts: Generated<number>;
  /** After a failure, not before this. */
  retry_at: StoredInstant | null;
  /** The last failure in one plain line, without credentials. */
  last_error: string | null;
  /** When the publisher was told pushing fails; cleared once a push succeeds. */
  failure_told_at: StoredInstant | null;
  updated_at: StoredInstant;
}

/** The review meeting as scheduled and announced: one per incident. */
export interface ReviewMeetingsTable {
  incident_id: string;
  starts_at: StoredInstant;
  /** The zone it was scheduled in: the scheduler's. */
  time_zone: string;
  facilitator_id: string | null;
  /** Comma-separated user ids. */
  invitee_ids: string;
  scheduled_by: string;
  /** The one invitation in the incident channel. */
  invitation_ts: string | null;
  /** While set and in the future, one request is posting or editing the invitation. */
  invitation_lease_until: StoredInstant | null;
  /** The facilitator's reminder: due then, null once sent. */
  remind_at: StoredInstant | null;
  reminded_at: StoredInstant | null;
  updated_at: StoredInstant;
}
