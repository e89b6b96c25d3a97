export const ACTION_ITEM_TYPES = ['prevent', 'detect', 'mitigate', 'process'] as const;
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];

export const ACTION_ITEM_TYPE_LABELS: Record<ActionItemType, string> = {
  prevent: 'Prevent',
  detect: 'Detect',
  mitigate: 'Mitigate',
  process: 'Process',
};

export type ActionItemStatus = 'open' | 'done' | 'wont_do';

/** A follow-up with one owner and a due day; the post-mortem is only as good as these. */
export interface ActionItem {
  id: string;
  incidentId: string;
  description: string;
  ownerId: string;
  /** A calendar day, `yyyy-MM-dd`: due in the owner's own day, wherever they are. */
  dueDate: string;
  type: ActionItemType;
  ticketUrl: string | null;
  status: ActionItemStatus;
  /** Why it will not be done. */
  statusReason: string | null;
  statusChangedBy: string | null;
  statusChangedAt: Date | null;
  /** Its issue in the team's tracker, once filed. */
  issue: { label: string; url: string } | null;
  /** Days after done before asking whether it works: null uses the default, 0 means no check is needed. */
  verifyAfterDays: number | null;
  /** Whether the countermeasure works, once the item is done; null before (or for won't do). */
  verification: Verification | null;
  /** Why it did not work and what to do instead, when a check found it not effective (the item was reopened). */
  verificationNote: string | null;
  createdBy: string;
  createdAt: Date;
}

/**
 * Where the check that a done item works stands: `scheduled` (asked at `at`), `asked` (waiting for
 * an answer), `verified`, `unconfirmed` (asked as often as the bot will, nobody could say), or
 * `not_needed` (chosen when the item was written).
 */
export type VerificationStatus = 'scheduled' | 'asked' | 'verified' | 'unconfirmed' | 'not_needed';

export interface Verification {
  status: VerificationStatus;
  /** When it is asked next (`scheduled`), or was last asked (`asked`). */
  at: Date | null;
  /** Times asked so far. */
  asks: number;
  /** Who answered "verified", and when. */
  by: string | null;
  decidedAt: Date | null;
}

/** `reschedule` sends nothing: the due date moved, so the next reminder is worked out again. */
export const REMINDER_KINDS = ['assigned', 'due', 'overdue', 'reschedule'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const ACTION_DESCRIPTION_MAX = 500;

/** More than this and no form could list them within Slack's limits; they are no longer actionable either. */
export const MAX_ACTION_ITEMS = 100;
