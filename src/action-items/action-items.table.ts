import type { StoredInstant } from '../db/instant';

export interface ActionItemsTable {
  id: string;
  incident_id: string;
  description: string;
  owner_id: string;
  /** `yyyy-MM-dd`, a day in the owner's own calendar. */
  due_date: string;
  type: string;
  ticket_url: string | null;
  status: string;
  created_by: string;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}
