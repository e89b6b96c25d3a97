import type { Generated } from 'kysely';
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
  status_reason: string | null;
  status_changed_by: string | null;
  status_changed_at: StoredInstant | null;
  owner_time_zone: string | null;
  owner_dm_channel: string | null;
  /** The item's DMs the bot posted, oldest first, as `channel/ts` separated by spaces (see item-messages.ts). */
  dm_messages: string | null;
  /** When the next reminder is due; null when none is (done, won't do, owner unreachable). */
  next_reminder_at: StoredInstant | null;
  /** Which reminder that is (a `ReminderKind`); null exactly when `next_reminder_at` is. */
  next_reminder_kind: string | null;
  overdue_reminders_sent: Generated<number>;
  reminder_failures: Generated<number>;
  /** Held while one poller sends the reminder. */
  reminder_claimed_until: StoredInstant | null;
  created_by: string;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}
