import type { Generated } from 'kysely';
import type { StoredInstant } from '../db/instant';

/** One notification as a source sent it: stored before the 2xx, handled once. */
export interface AlertNotificationsTable {
  /** The source and a hash of the body: a retried delivery finds its row. */
  id: string;
  source: string;
  group_hash: string;
  received_at: StoredInstant;
  /** The notification as read (JSON of `AlertNotification`); cleared once handled. */
  payload: string | null;
  retry_at: StoredInstant | null;
  attempts: Generated<number>;
  handled_at: StoredInstant | null;
  /** What handling it did, for the record: `offered`, `linked`, `ignored`… */
  outcome: string | null;
}

/** A group of alerts by the source's own group key, and what became of it. */
export interface AlertGroupsTable {
  id: string;
  group_hash: string;
  source: string;
  group_key: string;
  title: string;
  severity: string;
  /** See `AlertGroupState`. */
  state: string;
  /** The rule that decided, by name; null for the default. */
  rule: string | null;
  /** Where its offer (or the storm list holding it) is shown. */
  channel_id: string | null;
  incident_id: string | null;
  offer_ts: string | null;
  offered_at: StoredInstant | null;
  held_at: StoredInstant | null;
  declined_by: string | null;
  declined_reason: string | null;
  declined_at: StoredInstant | null;
  /** When its first notification arrived: when the incident was detected. */
  first_received_at: StoredInstant;
  last_received_at: StoredInstant;
  earliest_starts_at: StoredInstant | null;
  lease_until: StoredInstant | null;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}

/** Each alert of a group, as its latest notification described it. */
export interface AlertGroupAlertsTable {
  group_id: string;
  fingerprint: string;
  name: string;
  summary: string | null;
  description: string | null;
  severity: string | null;
  /** JSON object of label → value. */
  labels: string;
  /** JSON of `AlertLinks`. */
  links: string;
  status: string;
  starts_at: StoredInstant;
  ends_at: StoredInstant | null;
  updated_at: StoredInstant;
}

/** Per channel, the message listing the groups held back while offers are paused. */
export interface AlertStormsTable {
  channel_id: string;
  started_at: StoredInstant;
  message_ts: string | null;
  /** While set and in the future, one process is posting the message. */
  posting_until: StoredInstant | null;
  updated_at: StoredInstant;
}

/** Incidents whose channel was asked whether to resolve now that every alert has. */
export interface AlertResolvePromptsTable {
  incident_id: string;
  prompted_at: StoredInstant;
}
