import { toStoredInstant } from '../db/instant';
import { toIncident } from '../incidents/incident-mapper';
import { claimNudge, listDueNudges } from '../incidents/incidents.repository';
import type { PostmortemDeps } from './postmortem-deps';

/** After the first reminder, again every day until the post-mortem is published. */
export const REMIND_AGAIN_MS = 24 * 3_600_000;
/** When neither reminder could be delivered, try again after this long rather than every poll. */
export const RETRY_FAILED_MS = 15 * 60_000;

/**
 * Sends the reminders that have fallen due: each is claimed first (its next time moved on in one
 * conditional update), so it goes out once however many replicas poll. The commander's DM and the
 * channel nudge are sent independently; only when both fail is the reminder tried again, after a
 * pause. Returns how many were delivered.
 */
export async function remindDuePostmortems(deps: Pick<PostmortemDeps, 'db' | 'clock' | 'logger' | 'port'>): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const row of await listDueNudges(deps.db, toStoredInstant(now))) {
    const due = row.postmortem_nudge_at as string;
    const next = toStoredInstant(new Date(now.getTime() + REMIND_AGAIN_MS));
    if (!(await claimNudge(deps.db, row.id, due, next))) continue;
    const incident = toIncident(row);
    const dueAt = new Date(row.postmortem_due_at ?? due);
    const results = await Promise.allSettled([deps.port.remindCommander(incident, dueAt), deps.port.nudgeChannel(incident, dueAt)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length === results.length) {
      await claimNudge(deps.db, row.id, next, toStoredInstant(new Date(now.getTime() + RETRY_FAILED_MS)));
      deps.logger.warn({ incidentId: row.id, err: failed[0]?.reason }, 'post-mortem reminder failed; will retry');
      continue;
    }
    if (failed.length > 0) deps.logger.warn({ incidentId: row.id, err: failed[0]?.reason }, 'post-mortem reminder only partly delivered');
    sent += 1;
    deps.logger.info({ incidentId: row.id, due }, 'post-mortem reminder sent');
  }
  return sent;
}
