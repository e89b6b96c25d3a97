import { toStoredInstant } from '../db/instant';
import { applyIssueChange } from './apply-issue-change';
import type { TrackerDeps } from './tracker-deps';
import { claimPoll, finishPoll } from './tracker-polls.repository';

/** Longer than a poll takes; a dead process's poll is taken over after this. */
const POLL_LEASE_MS = 5 * 60_000;
/** Read again from a little before the last poll: the tracker's clock and index may lag the bot's. */
const OVERLAP_MS = 5 * 60_000;
/** The first poll reads back this far. */
const FIRST_POLL_MS = 24 * 3_600_000;

/**
 * Reads the issues changed since the last poll and applies each as a webhook would: a webhook
 * that never arrived is caught within one period. One replica polls per period. Returns how many
 * items changed.
 */
export async function pollTracker(deps: TrackerDeps, everyMs: number): Promise<number> {
  const started = deps.clock.now();
  if (deps.gate.waitMs(started.getTime()) > 0) return 0;
  const leaseUntil = new Date(started.getTime() + POLL_LEASE_MS);
  // A little short of the period, so a job running every period is never just too early.
  const nextAt = new Date(started.getTime() + Math.max(0, everyMs - 1_000));
  const claimed = await claimPoll(deps.db, deps.tracker.kind, started, leaseUntil, nextAt);
  if (!claimed) return 0;
  const heldUntil = toStoredInstant(leaseUntil);
  let changed = 0;
  let polledUntil: Date | null = null;
  try {
    const from = claimed.polled_until ? new Date(Date.parse(claimed.polled_until) - OVERLAP_MS) : new Date(started.getTime() - FIRST_POLL_MS);
    for (const issue of await deps.tracker.changedSince(from)) {
      const outcome = await applyIssueChange(deps, { issue, actorName: null, byBot: false });
      if (outcome === 'closed' || outcome === 'reopened') changed += 1;
    }
    polledUntil = started;
    if (changed > 0) deps.logger.info({ changed, tracker: deps.tracker.kind }, 'the poll caught changes a webhook missed');
  } catch (error) {
    deps.logger.warn({ err: error, tracker: deps.tracker.kind }, 'polling the tracker failed; the next poll reads from the same point');
  } finally {
    await finishPoll(deps.db, deps.tracker.kind, polledUntil, heldUntil);
  }
  return changed;
}
