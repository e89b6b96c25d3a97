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
  /** Days after done before asking whether it works: null uses the configured default, 0 means no check is needed. */
  verify_after_days: number | null;
  /** Where the check that it works stands (a `VerificationState`'s kind); null until the item is done. */
  verification: string | null;
  /** When to ask next; null when no question is due. */
  verify_at: StoredInstant | null;
  /** Times asked so far (the first ask and each "not sure yet"). */
  verify_asks: Generated<number>;
  /** Held while one process asks. */
  verify_claimed_until: StoredInstant | null;
  verified_by: string | null;
  verified_at: StoredInstant | null;
  /** Why it did not work and what to do instead, from the "Not effective" answer. */
  verification_note: string | null;
  /** The question DMs, as `channel/ts` separated by spaces (see item-messages.ts). */
  verify_messages: string | null;
  /** The item's issue in the team's tracker (`OPS-12`, `acme/incidents#12`) and its page, once filed. */
  issue_label: string | null;
  issue_url: string | null;
  created_by: string;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}
