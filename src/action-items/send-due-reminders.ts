import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { workClaimedChunks } from '../jobs/claimed-chunks';
import { isAppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import type { Logger } from '../logger';
import { toActionItem } from './action-item-mapper';
import {
  type ActionItemRow,
  claimDueReminders,
  finishReminder,
  listRemindersLaterThan,
  recordItemMessages,
  replaceReminder,
} from './action-items.repository';
import { withItemMessage } from './item-messages';
import type { ReminderPort } from './reminder-port';
import { longestWaitDays } from './reminder-schedule';
import {
  type ReminderState,
  afterClockJump,
  isScheduled,
  ownerUnreachable,
  reminderKey,
  reminderSent,
  reminderToShow,
  rescheduled,
  sendFailed,
  snoozeDaysAfter,
} from './reminder-state';
import { changedReminderColumns, toReminderState } from './reminder-state-mapper';

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
  await recomputeAfterClockJump(deps);
  return workClaimedChunks({
    clock: deps.clock,
    leaseMs: REMINDER_CLAIM_MS,
    batch: BATCH,
    chunk: CLAIM_CHUNK,
    claim: (now, until, limit) => claimDueReminders(deps.db, now, until, limit),
    handle: ({ row, wasClaimed }, claim) => sendOne(deps, row, wasClaimed, deps.clock.now(), claim),
  });
}

async function sendOne(deps: ReminderDeps, row: ActionItemRow, wasClaimed: boolean, now: Date, claim: string): Promise<boolean> {
  const { port, policy, logger } = deps;
  const item = toActionItem(row);
  const before = toReminderState(row);
  // Only open items with a reminder due are claimed; this guards the type, not a case that occurs.
  if (!isScheduled(before)) return false;
  const record = (after: ReminderState) => finishReminder(deps.db, row.id, claim, changedReminderColumns(before, after));
  const key = reminderKey(row.id, before, row.due_date);
  const log = logger.child({ itemId: row.id, kind: before.kind });
  try {
    const incident = await loadIncident(deps.db, row.incident_id);
    const timeZone = before.ownerTimeZone ?? (await port.timeZoneOf(row.owner_id)) ?? policy.defaultTimeZone;
    const context = { dueDate: row.due_date, now, timeZone, policy };
    if (before.kind === 'reschedule') {
      await record(rescheduled(before, context));
      log.info('reminder rescheduled for a new due date');
      return false;
    }
    // The DM is known before sending, so a send cut short (a crash, a timeout after Slack posted)
    // can be looked for on the next try instead of being sent twice.
    const dmChannel = before.ownerDmChannel ?? (await port.dmChannelOf(row.owner_id));
    const retried = wasClaimed || before.failures > 0;
    const foundTs = retried ? await port.sentReminder(dmChannel, key, new Date(now.getTime() - LOOK_BACK_MS)) : undefined;
    const foundSent = foundTs !== undefined;
    const sent = reminderSent(before, { ...context, dmChannel, foundSent });
    if (foundSent) log.info('reminder was sent before an interruption; recording it');
    const ts =
      foundTs ??
      (await port.remindOwner(item, incident, { kind: reminderToShow(before, context), key, snooze: snoozeDaysAfter(sent.state, now, timeZone) }, dmChannel));
    await recordItemMessages(deps.db, row.id, withItemMessage(row.dm_messages, { channel: dmChannel, ts }));

    if (sent.escalate) {
      await port
        .tellCommander(item, incident, 'overdue')
        .then(() => log.info({ commander: incident.commanderId }, 'overdue item escalated to the commander'))
        .catch((err: unknown) => log.warn({ err }, 'could not tell the commander'));
    }
    await record(sent.state);
    log.info({ owner: row.owner_id }, 'reminder sent');
    return true;
  } catch (error) {
    const code = isAppError(error) ? error.code : 'unexpected';
    if (code === 'owner_unreachable') {
      await record(ownerUnreachable(before));
      log.warn({ owner: row.owner_id, code }, 'owner cannot receive reminders; the commander is told');
      const incident = await loadIncident(deps.db, row.incident_id).catch(() => undefined);
      if (incident) {
        await port.tellCommander(item, incident, 'owner_unreachable').catch((err: unknown) => log.warn({ err }, 'could not tell the commander'));
      }
      return false;
    }
    const failed = sendFailed(before, now);
    await record(failed);
    log.warn({ err: error, code, failures: failed.failures, retryAt: toStoredInstant(failed.at) }, 'reminder failed; will retry');
    return false;
  }
}

/** Items looked at per poll for a schedule worked out while the clock ran ahead. */
const CLOCK_JUMP_BATCH = 200;

/**
 * After the system clock was put back (by weeks, say), a reminder worked out while it ran ahead
 * lies further off than its schedule allows and would be skipped for as long: it is worked out
 * again from the due date and now (see `afterClockJump`). A jump forward needs nothing here: the
 * reminders it passed are due, and each is sent once and scheduled from the new now.
 */
async function recomputeAfterClockJump(deps: ReminderDeps): Promise<void> {
  const { db, clock, policy, logger } = deps;
  const now = clock.now();
  const nearest = new Date(now.getTime() + longestWaitDays(policy.overdueEveryWorkingDays) * 86_400_000);
  const rows = await listRemindersLaterThan(db, toStoredInstant(nearest), CLOCK_JUMP_BATCH);
  for (const row of rows) {
    const before = toReminderState(row);
    if (!isScheduled(before)) continue;
    const timeZone = before.ownerTimeZone ?? policy.defaultTimeZone;
    const after = afterClockJump(before, { dueDate: row.due_date, now, timeZone, policy });
    if (after === before) continue;
    const stored = toStoredInstant(now);
    const ceiling = toStoredInstant(new Date(now.getTime() + REMINDER_CLAIM_MS));
    if (await replaceReminder(db, row.id, row.next_reminder_at!, stored, ceiling, changedReminderColumns(before, after))) {
      logger.warn({ itemId: row.id, kind: before.kind, was: row.next_reminder_at, now: toStoredInstant(after.at) }, 'reminder further ahead than its schedule allows (the clock was put back); worked out again');
    }
  }
}
