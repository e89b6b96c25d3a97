import type { StoredInstant } from '../../db/instant';

/**
 * One row per Slack event envelope already taken in. Slack redelivers an event (same
 * `event_id`) when it did not see our acknowledgement in time; the row makes the second
 * delivery a no-op, across restarts and replicas.
 */
export interface EventReceiptsTable {
  event_id: string;
  received_at: StoredInstant;
}
