import type { InsightFigures } from './insight-figures';

/** An action item the digest lists, with where it came from. */
export interface DigestItem {
  id: string;
  description: string;
  ownerId: string;
  /** `yyyy-MM-dd` in the owner's calendar. */
  dueDate: string;
  incidentTitle: string;
  channelId: string | null;
  /** For a countermeasure not yet confirmed: when it was to be checked (null once asked as often as the bot will). */
  checkDueAt: Date | null;
}

/** A list the digest shows the start of, and how long it is. */
export interface DigestList {
  items: DigestItem[];
  total: number;
}

/**
 * The weekly digest: the past 7 days' figures (public incidents only: it is posted in a
 * channel), the action items overdue now, and the done items nobody has confirmed work, though
 * their check date has passed: "revisit post-mortems from time to time", made a habit.
 */
export interface InsightsDigest {
  /** The scheduled time it is for. */
  dueAt: Date;
  /** `MON 09:00 Europe/Berlin`. */
  schedule: string;
  figures: InsightFigures;
  overdue: DigestList;
  unverified: DigestList;
}
