import type { StoredInstant } from '../db/instant';

export interface TimelineEntriesTable {
  id: string;
  incident_id: string;
  /** `system` for lifecycle changes. */
  kind: string;
  occurred_at: StoredInstant;
  actor_id: string | null;
  change: string | null;
  old_value: string | null;
  new_value: string | null;
  text: string | null;
  created_at: StoredInstant;
}
