import type { Kysely, Updateable } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { isAppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import type { Logger } from '../logger';
import type { ReminderKind } from './action-item';
import { toActionItem } from './action-item-mapper';
import type { ActionItemsTable } from './action-items.table';
import { type ActionItemRow, claimDueReminders, finishReminder } from './action-items.repository';
import type { ReminderPort } from './reminder-port';
import { afterWorkingDays, dayIn, reminderInstant, retryDelayMs } from './reminder-schedule';

export interface ReminderDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  port: ReminderPort;
  policy: Config['reminders'];
}

/** How long a poller may hold a reminder it is sending before another may take it over. */
export const REMINDER_CLAIM_MS = 2 * 60_000;
/** How far back a DM is searched for a reminder that may already have gone out. */
const LOOK_BACK_MS = 7 * 86_400_000;
/** Reminders handled per poll: a backlog drains over a few polls rather than in one burst. */
const BATCH = 200;
/** Reminders claimed at a time: sent well within their claim. */
export const CLAIM_CHUNK = 50;

/**
 * Sends the reminders that are due. Each is claimed before it is sent, so two replicas never send
 * the same one; a claim left by a crash is taken over after it expires, and the owner's DM is
 * checked first so a reminder that went out just before the crash is not sent again. Each is
 * scheduled from now, so after downtime an item gets one catch-up reminder, not one per missed
 * day. Returns how many were sent.
 */
export async function sendDueReminders(deps: ReminderDeps): Promise<number> {
  let sent = 0;
  for (let handled = 0; handled < BATCH; ) {
    // Each claim runs from when it is taken: a long batch must not outlive the claims it holds.
    const claimedAt = deps.clock.now();
    const claim = toStoredInstant(new Date(claimedAt.getTime() + REMINDER_CLAIM_MS));
    const claimed = await claimDueReminders(deps.db, toStoredInstant(claimedAt), claim, Math.min(CLAIM_CHUNK, BATCH - handled));
    if (claimed.length === 0) break;
    handled += claimed.length;
    for (const { row, wasClaimed } of claimed) {
      if (await sendOne(deps, row, wasClaimed, deps.clock.now(), claim)) sent += 1;
    }
  }
  return sent;
}

async function sendOne(deps: ReminderDeps, row: ActionItemRow, wasClaimed: boolean, now: Date, claim: string): Promise<boolean> {
  const finish = (changes: Updateable<ActionItemsTable>) => finishReminder(deps.db, row.id, claim, changes);
  const { port, policy, logger } = deps;
  const item = toActionItem(row);
  const kind = (row.next_reminder_kind ?? 'assigned') as ReminderKind;
  // Names this one reminder in the item's sequence; it stays the same across retries, so a DM that
  // Slack posted before the answer was lost is recognised instead of being sent again.
  const key = `${row.id}:${kind}:${row.overdue_reminders_sent ?? 0}:${row.due_date}`;
  const log = logger.child({ itemId: row.id, kind });
  try {
    const incident = await loadIncident(deps.db, row.incident_id);
    const timeZone = row.owner_time_zone ?? (await port.timeZoneOf(row.owner_id)) ?? policy.defaultTimeZone;
    if (kind === 'reschedule') {
      await finish({ ...nextReminder('assigned', row.due_date, now, timeZone, policy), owner_time_zone: timeZone });
      log.info('reminder rescheduled for a new due date');
      return false;
    }
    // The DM is known before sending, so a send cut short (a crash, a timeout after Slack posted)
    // can be looked for on the next try instead of being sent twice.
    const dmChannel = row.owner_dm_channel ?? (await port.dmChannelOf(row.owner_id));
    const retried = wasClaimed || (row.reminder_failures ?? 0) > 0;
    const alreadySent = retried && (await port.reminderWasSent(dmChannel, key, new Date(now.getTime() - LOOK_BACK_MS)));
    // A late reminder (after an outage, a snooze) says overdue, not "due today".
    const shown: ReminderKind = kind === 'due' && row.due_date < dayIn(now, timeZone) ? 'overdue' : kind;
    if (alreadySent) log.info('reminder was sent before an interruption; recording it');
    else await port.remindOwner(item, incident, shown, key, dmChannel);

    const overdueSent = (row.overdue_reminders_sent ?? 0) + (kind === 'overdue' ? 1 : 0);
    if (kind === 'overdue' && overdueSent === policy.escalateAfter && !alreadySent) {
      await port
        .tellCommander(item, incident, 'overdue')
        .then(() => log.info({ commander: incident.commanderId }, 'overdue item escalated to the commander'))
        .catch((err: unknown) => log.warn({ err }, 'could not tell the commander'));
    }
    await finish({
      ...nextReminder(kind, row.due_date, now, timeZone, policy),
      owner_time_zone: timeZone,
      owner_dm_channel: dmChannel,
      overdue_reminders_sent: overdueSent,
      reminder_failures: 0,
    });
    log.info({ owner: row.owner_id }, 'reminder sent');
    return true;
  } catch (error) {
    const code = isAppError(error) ? error.code : 'unexpected';
    if (code === 'owner_unreachable') {
      await finish({ next_reminder_at: null, next_reminder_kind: null });
      log.warn({ owner: row.owner_id, code }, 'owner cannot receive reminders; the commander is told');
      const incident = await loadIncident(deps.db, row.incident_id).catch(() => undefined);
      if (incident) {
        await port.tellCommander(item, incident, 'owner_unreachable').catch((err: unknown) => log.warn({ err }, 'could not tell the commander'));
      }
      return false;
    }
    const failures = (row.reminder_failures ?? 0) + 1;
    const retryAt = toStoredInstant(new Date(now.getTime() + retryDelayMs(failures)));
    await finish({ next_reminder_at: retryAt, reminder_failures: failures });
    log.warn({ err: error, code, failures, retryAt }, 'reminder failed; will retry');
    return false;
  }
}

/**
 * What comes after a reminder: the assignment is followed by the due-date reminder at the hour in
 * the owner's day (at once if that moment has passed); the due-date reminder and each overdue one
 * by another after so many working days.
 */
export function nextReminder(
  kind: ReminderKind,
  dueDate: string,
  now: Date,
  timeZone: string,
  policy: Config['reminders'],
): Pick<Updateable<ActionItemsTable>, 'next_reminder_at' | 'next_reminder_kind'> {
  if (kind === 'assigned') {
    const due = reminderInstant(dueDate, policy.hour, timeZone);
    return { next_reminder_at: toStoredInstant(due > now ? due : now), next_reminder_kind: 'due' };
  }
  const next = afterWorkingDays(now, policy.overdueEveryWorkingDays, policy.hour, timeZone);
  return { next_reminder_at: toStoredInstant(next), next_reminder_kind: 'overdue' };
}
