import type { Generated } from 'kysely';
import type { StoredInstant } from '../db/instant';

/** One participant's account of one incident, from the request to what they wrote. */
export interface ParticipantAccountsTable {
  incident_id: string;
  user_id: string;
  /** {@link AccountState}. */
  state: string;
  /** {@link AccountAnswers} as JSON; null until written. */
  answers: string | null;
  anonymous: Generated<number>;
  time_zone: string | null;
  dm_channel: string | null;
  dm_ts: string | null;
  /** While set and in the future, one process is sending this person's DM or reminder. */
  lease_until: StoredInstant | null;
  /** Failed attempts to send the request; after a few the person is left alone. */
  attempts: Generated<number>;
  /** Not before this (a failed send waits). */
  retry_at: StoredInstant | null;
  /** When the one reminder is due; null once it went out or is no longer wanted. */
  remind_at: StoredInstant | null;
  reminded_at: StoredInstant | null;
  asked_at: StoredInstant | null;
  answered_at: StoredInstant | null;
  revision: Generated<number>;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}

/**
 * That an incident's participants were asked for their accounts (resolving asks once, unless
 * only an earlier request asked), and whether accounts are closed.
 */
export interface AccountRoundsTable {
  incident_id: string;
  /** Null when resolving the incident asked; else who ran `/incident accounts request`. */
  requested_by: string | null;
  requested_at: StoredInstant;
  /** Set while the post-mortem is being published and after: no account can change then. */
  closed_at: StoredInstant | null;
}
