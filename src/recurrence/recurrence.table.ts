import type { StoredInstant } from '../db/instant';

/** Per public incident: when it was declared and how many terms of each kind it has (see `Signature`). */
export interface RecurrenceSignaturesTable {
  incident_id: string;
  declared_at: StoredInstant;
  title_terms: number;
  body_terms: number;
  tag_terms: number;
  service_terms: number;
  alert_terms: number;
  group_terms: number;
  updated_at: StoredInstant;
}

/** The inverted index: one row per incident and kind-prefixed term (`t:checkout`, `a:HighErrorRate`). */
export interface RecurrenceTermsTable {
  incident_id: string;
  term: string;
  /** The incident's, so the index gives each term's most recent incidents first. */
  declared_at: StoredInstant;
}

/** The one message in an incident's channel that lists similar past incidents. */
export interface RecurrenceNoticesTable {
  incident_id: string;
  channel_id: string;
  /** Null until posted, or while a post whose answer was lost is still to be found by its marker. */
  ts: string | null;
  /** While set and in the future, one request is posting or editing it. */
  lease_until: StoredInstant | null;
  updated_at: StoredInstant;
}
