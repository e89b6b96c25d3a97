import type { StoredInstant } from '../../db/instant';

export type InboxKind = 'event' | 'view_submission';

/**
 * One row per Slack request that must not be lost: stored before Slack is acknowledged, marked
 * handled when its listeners finish. Slack redelivers an event (same `event_id`) when it did not
 * see our acknowledgement in time; the row makes that a no-op across restarts and replicas.
 */
export interface InboxTable {
  id: string;
  kind: InboxKind;
  received_at: StoredInstant;
  /** The request body as JSON; cleared once handled. */
  body: string | null;
  /** The process handling it holds it until then. */
  lease_until: StoredInstant | null;
  /** After a failure, when the background retry may take it. */
  retry_at: StoredInstant | null;
  attempts: number;
  handled_at: StoredInstant | null;
}
