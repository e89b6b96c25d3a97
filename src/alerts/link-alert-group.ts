import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import { recordEarlierMilestone } from '../incidents/record-milestone';
import { recordSystemEntry } from '../timeline/record-system-entry';
import type { AlertSource } from './alert-notification';
import { earliestStart } from './alert-group';
import { toAlertGroup, toReceivedAlert } from './alert-group-mapper';
import type { AlertTransition } from './apply-notification';
import { alertsOfGroup, findGroupById, linkGroup } from './alerts.repository';

/**
 * Records alert transitions on the incident's timeline at the alerts' own times, and moves the
 * incident's impact start earlier when an alert started before it. In the caller's transaction.
 */
export async function recordTransitions(
  trx: Kysely<Database>,
  incidentId: string,
  source: AlertSource,
  transitions: readonly AlertTransition[],
  now: Date,
): Promise<void> {
  for (const { alert, kind, at } of transitions) {
    await recordSystemEntry(
      trx,
      {
        incidentId,
        occurredAt: at,
        actorId: null,
        change: kind === 'fired' ? 'alert_fired' : 'alert_resolved',
        oldValue: source,
        newValue: alert.name,
        text: kind === 'fired' ? (alert.summary ?? alert.description) : null,
      },
      now,
    );
  }
  const started = earliestStart(transitions.filter((t) => t.kind === 'fired').map((t) => t.alert));
  if (started) await recordEarlierMilestone(trx, incidentId, 'impact_started', started, now);
}

/**
 * Links a group to an incident inside the caller's transaction: its alerts go on the timeline at
 * their own times, impact started moves to the earliest alert start (unless it was earlier), and
 * detection is when the group's first notification arrived. Refused when the group already
 * belongs to an incident, so two people declaring from one offer make one incident.
 */
export async function linkAlertGroup(trx: Kysely<Database>, groupId: string, incidentId: string, now: Date): Promise<void> {
  const row = await findGroupById(trx, groupId);
  if (!row) throw new AppError('alert_not_found', 'that alert is no longer known to the bot.');
  if (!(await linkGroup(trx, groupId, incidentId, toStoredInstant(now)))) {
    throw new AppError('alert_already_linked', 'someone already declared an incident for this alert. Look for it in the incidents channel.');
  }
  const group = toAlertGroup(row);
  const alerts = (await alertsOfGroup(trx, groupId)).map(toReceivedAlert);
  const transitions: AlertTransition[] = alerts.flatMap((alert) => [
    { alert, kind: 'fired' as const, at: alert.startsAt },
    ...(alert.status === 'resolved' ? [{ alert, kind: 'resolved' as const, at: alert.endsAt ?? alert.startsAt }] : []),
  ]);
  await recordTransitions(trx, incidentId, group.source, transitions, now);
  await recordEarlierMilestone(trx, incidentId, 'detected', group.firstReceivedAt, now);
}
