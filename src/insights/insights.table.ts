import type { Generated } from 'kysely';
import type { StoredInstant } from '../db/instant';

/** One scheduled time of the weekly insights digest, and how far posting it got. */
export interface InsightDigestsTable {
  /** The scheduled time, in UTC: one row, and so one post, per time across replicas. */
  due_at: StoredInstant;
  /** `INSIGHTS_DIGEST` as configured when the row was written. */
  schedule: string;
  channel_id: string;
  /** While set and in the future, one process is posting it; others keep off. */
  claimed_until: StoredInstant | null;
  posted_ts: string | null;
  chart_shared_at: StoredInstant | null;
  attempts: Generated<number>;
  /** `posted`, `skipped` (the time before the schedule was first seen) or `failed`; null while unfinished. */
  outcome: string | null;
  finished_at: StoredInstant | null;
  created_at: StoredInstant;
}
