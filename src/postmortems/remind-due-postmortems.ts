import { toStoredInstant } from '../db/instant';
import { toIncident } from '../incidents/incident-mapper';
import { claimNudge, listDueNudges } from '../incidents/incidents.repository';
import type { PostmortemDeps } from './postmortem-deps';

/** After the first reminder, again every day until the post-mortem is published. */
export const REMIND_AGAIN_MS = 24 * 3_600_000;

/**
 * Sends the reminders that have fallen due: each is claimed first (its next time moved on in one
 * conditional update), so it goes out once however many replicas poll. A failed send is put back
 * to go out at the next poll. Returns how many were sent.
 */
export async function remindDuePostmortems(deps: Pick<PostmortemDeps, 'db' | 'clock' | 'logger' | 'port'>): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const row of await listDueNudges(deps.db, toStoredInstant(now))) {
    const due = row.postmortem_nudge_at as string;
    const next = toStoredInstant(new Date(now.getTime() + REMIND_AGAIN_MS));
    if (!(await claimNudge(deps.db, row.id, due, next))) continue;
    try {
      await deps.port.remindPostmortemDue(toIncident(row), new Date(row.postmortem_due_at ?? due));
      sent += 1;
      deps.logger.info({ incidentId: row.id, due }, 'post-mortem reminder sent');
    } catch (err) {
      await claimNudge(deps.db, row.id, next, due);
      deps.logger.warn({ err, incidentId: row.id }, 'post-mortem reminder failed; will retry');
    }
  }
  return sent;
}
