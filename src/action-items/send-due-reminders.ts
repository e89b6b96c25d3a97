import type { Kysely, Updateable } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { fromStoredInstant, toStoredInstant } from '../db/instant';
import { isAppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import type { Logger } from '../logger';
import type { ReminderKind } from './action-item';
import { toActionItem } from './action-item-mapper';
import type { ActionItemsTable } from './action-items.table';
import { type ActionItemRow, claimReminder, finishReminder, listDueReminders } from './action-items.repository';
import type { ReminderPort } from './reminder-port';
import { afterWorkingDays, reminderInstant, retryDelayMs } from './reminder-schedule';

export interface ReminderDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  port: ReminderPort;
  policy: Config['reminders'];
}

/** How long a poller may hold a reminder it is sending before another may take it over. */
export const REMINDER_CLAIM_MS = 2 * 60_000;
/** Reminders handled per poll: a backlog drains over a few polls rather than in one burst. */
const BATCH = 200;
/** Slack's answers that mean the owner cannot receive DMs: nothing to retry, the commander is told. */
const UNREACHABLE = new Set(['user_not_found', 'account_inactive', 'user_disabled', 'cannot_dm_bot', 'user_is_bot']);

/**
 * Sends the reminders that are due. Each is claimed before it is sent, so two replicas never send
 * the same one; a claim left by a crash is taken over after it expires, and the owner's DM is
 * checked first so a reminder that went out just before the crash is not sent again. Each is
 * scheduled from now, so after downtime an item gets one catch-up reminder, not one per missed
 * day. Returns how many were sent.
 */
export async function sendDueReminders(deps: ReminderDeps): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const row of await listDueReminders(deps.db, toStoredInstant(now), BATCH)) {
    const scheduled = row.next_reminder_at as string;
    const until = toStoredInstant(new Date(now.getTime() + REMINDER_CLAIM_MS));
    if (!(await claimReminder(deps.db, row.id, scheduled, toStoredInstant(now), until))) {
      deps.logger.debug({ itemId: row.id }, 'reminder skipped: another poller has it');
      continue;
    }
    if (await sendOne(deps, row, now)) sent += 1;
  }
  return sent;
}

async function sendOne(deps: ReminderDeps, row: ActionItemRow, now: Date): Promise<boolean> {
  const { port, policy, logger } = deps;
  const item = toActionItem(row);
  const kind = (row.next_reminder_kind ?? 'assigned') as ReminderKind;
  const key = `${row.id}@${row.next_reminder_at}`;
  const log = logger.child({ itemId: row.id, kind });
  try {
    const incident = await loadIncident(deps.db, row.incident_id);
    const timeZone = row.owner_time_zone ?? (await port.timeZoneOf(row.owner_id)) ?? policy.defaultTimeZone;
    const interrupted = row.reminder_claimed_until !== null && row.owner_dm_channel !== null;
    const alreadySent =
      interrupted && (await port.reminderWasSent(row.owner_dm_channel as string, key, fromStoredInstant(row.next_reminder_at as string)));
    let dmChannel = row.owner_dm_channel;
    if (kind === 'reschedule') {
      await finishReminder(deps.db, row.id, { ...nextReminder('assigned', row.due_date, now, timeZone, policy), owner_time_zone: timeZone });
      return false;
    }
    if (alreadySent) log.info('reminder was sent before an interruption; recording it');
    else dmChannel = (await port.remindOwner(item, incident, kind, key)).channel;

    const overdueSent = (row.overdue_reminders_sent ?? 0) + (kind === 'overdue' ? 1 : 0);
    if (kind === 'overdue' && overdueSent >= policy.escalateAfter && !alreadySent) {
      await port.tellCommander(item, incident, 'overdue').catch((err: unknown) => log.warn({ err }, 'could not tell the commander'));
    }
    await finishReminder(deps.db, row.id, {
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
    if (UNREACHABLE.has(code)) {
      await finishReminder(deps.db, row.id, { next_reminder_at: null, next_reminder_kind: null });
      log.warn({ owner: row.owner_id, code }, 'owner cannot receive reminders; the commander is told');
      const incident = await loadIncident(deps.db, row.incident_id).catch(() => undefined);
      if (incident) await port.tellCommander(item, incident, 'owner_unreachable').catch(() => undefined);
      return false;
    }
    const failures = (row.reminder_failures ?? 0) + 1;
    const retryAt = toStoredInstant(new Date(now.getTime() + retryDelayMs(failures)));
    await finishReminder(deps.db, row.id, { next_reminder_at: retryAt, reminder_failures: failures });
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
