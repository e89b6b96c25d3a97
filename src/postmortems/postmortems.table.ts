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
