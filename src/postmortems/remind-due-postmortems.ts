import { claimPostmortemReminder } from '../incidents/claim-postmortem-reminder';
import { postmortemRemindersDue } from '../incidents/postmortem-reminders-due';
import type { PostmortemDeps } from './postmortem-deps';

/** After the first reminder, again every day until the post-mortem is published. */
export const REMIND_AGAIN_MS = 24 * 3_600_000;
/** When neither reminder could be delivered, try again after this long rather than every poll. */
export const RETRY_FAILED_MS = 15 * 60_000;

/**
 * Sends the reminders that have fallen due: each is claimed first (its next time moved on in one
 * conditional update), so it goes out once however many replicas poll. The commander's DM and the
 * channel nudge are sent independently; only when both fail is the reminder tried again, after a
 * pause. Returns how many were delivered. The reminder's time is a column of the incident, so it
 * is read and claimed through the incidents feature's functions, never its table.
 */
export async function remindDuePostmortems(deps: Pick<PostmortemDeps, 'db' | 'clock' | 'logger' | 'port'>): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const { incident, remindAt, postmortemDueAt } of await postmortemRemindersDue(deps.db, now)) {
    const next = new Date(now.getTime() + REMIND_AGAIN_MS);
    if (!(await claimPostmortemReminder(deps.db, incident.id, remindAt, next))) continue;
    const results = await Promise.allSettled([deps.port.remindCommander(incident, postmortemDueAt), deps.port.nudgeChannel(incident, postmortemDueAt)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length === results.length) {
      await claimPostmortemReminder(deps.db, incident.id, next, new Date(now.getTime() + RETRY_FAILED_MS));
      deps.logger.warn({ incidentId: incident.id, err: failed[0]?.reason }, 'post-mortem reminder failed; will retry');
      continue;
    }
    if (failed.length > 0) deps.logger.warn({ incidentId: incident.id, err: failed[0]?.reason }, 'post-mortem reminder only partly delivered');
    sent += 1;
    deps.logger.info({ incidentId: incident.id, due: remindAt }, 'post-mortem reminder sent');
  }
  return sent;
}
