import { fromStoredInstant, toStoredInstant } from '../db/instant';
import type { AlertDeps } from './alert-deps';
import type { AlertNotification } from './alert-notification';
import { refreshStorm } from './alert-storm';
import { pruneStorms, stormsWithoutMessage } from './alert-storms.repository';
import { handleNotification } from './handle-notification';
import { showAlertGroup } from './show-alert-group';
import { refreshIncident } from '../incidents/change-incident';
import {
  type AlertNotificationRow,
  claimGroupLease,
  findGroupByHash,
  giveUpNotification,
  markNotificationFailed,
  markNotificationHandled,
  pendingForGroup,
  pendingNotifications,
  pruneIdleGroups,
  pruneNotifications,
  releaseGroupLease,
} from './alerts.repository';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/** Notifications looked at per pass. */
const BATCH = 500;
/** Longer than handling a group's notifications takes; a dead process's groups wait this long. */
export const GROUP_LEASE_MS = 2 * 60_000;
/** Retries after a failure (Slack down, say): 10 s, 1 min, 5 min, 30 min, then every 30 min up to MAX_ATTEMPTS. */
const RETRY_DELAYS_MS = [10_000, 60_000, 5 * 60_000, 30 * 60_000];
/** About three hours of retries; then the notification is given up, with an error in the log. */
const MAX_ATTEMPTS = 8;

/** A stored notification as it was read, its times revived. */
export function storedNotification(payload: string): AlertNotification {
  const parsed = JSON.parse(payload) as AlertNotification;
  return {
    ...parsed,
    alerts: parsed.alerts.map((a) => ({ ...a, startsAt: new Date(a.startsAt), endsAt: a.endsAt ? new Date(a.endsAt) : null })),
  };
}

/**
 * Handles the notifications waiting, each group by one process at a time and in the order they
 * arrived, so an offer is posted once however many replicas run. A failed notification stops its
 * group until its retry (the next ones depend on it). Returns how many were handled.
 */
export async function processPendingNotifications(deps: AlertDeps): Promise<number> {
  const { db, clock } = deps;
  const pending = await pendingNotifications(db, toStoredInstant(clock.now()), BATCH);
  const groups = [...new Set(pending.map((n) => n.group_hash))];
  const storms = new Set<string>();
  let handled = 0;
  for (const groupHash of groups) handled += await processGroup(deps, groupHash, storms);
  // A storm message whose posting failed is posted on a later pass, even if nothing new arrived.
  for (const channel of await stormsWithoutMessage(db)) storms.add(channel);
  for (const channel of storms) {
    await refreshStorm(deps, channel).catch((err: unknown) => deps.logger.warn({ err, channel }, 'could not show the alert storm list; will retry'));
  }
  return handled;
}

/** Rounds a pass gives one group: a notification stored while another replica held it is taken at once. */
const GROUP_ROUNDS = 3;

async function processGroup(deps: AlertDeps, groupHash: string, storms: Set<string>): Promise<number> {
  let handled = 0;
  for (let round = 0; round < GROUP_ROUNDS; round += 1) {
    const result = await processGroupOnce(deps, groupHash, storms);
    handled += result.handled;
    // Stop when another process holds it (it takes what is waiting), after a failure (its retry
    // waits), or when nothing arrived while this process held it.
    if (!result.claimed || result.failed) break;
    if ((await pendingForGroup(deps.db, groupHash, toStoredInstant(deps.clock.now()))).length === 0) break;
  }
  return handled;
}

async function processGroupOnce(deps: AlertDeps, groupHash: string, storms: Set<string>): Promise<{ claimed: boolean; handled: number; failed: boolean }> {
  const { db, clock, logger } = deps;
  const now = clock.now();
  const heldUntil = toStoredInstant(new Date(now.getTime() + GROUP_LEASE_MS));
  if (!(await claimGroupLease(db, groupHash, toStoredInstant(now), heldUntil))) {
    return { claimed: false, handled: 0, failed: false };
  }
  const edits = new Set<string>();
  const cards = new Set<string>();
  let handled = 0;
  let failed = false;
  try {
    for (;;) {
      const batch = await pendingForGroup(db, groupHash, toStoredInstant(clock.now()));
      if (batch.length === 0 || failed) break;
      for (const row of batch) {
        if (!(await handleOne(deps, groupHash, row, { storms, edits, cards }))) {
          failed = true;
          break;
        }
        handled += 1;
      }
    }
    for (const groupId of edits) {
      const storm = await showAlertGroup(deps, groupId).catch((err: unknown) => {
        logger.warn({ err, alertGroup: groupId }, 'could not show the alert offer; the next notification shows it');
        return null;
      });
      if (storm) storms.add(storm);
    }
    for (const incidentId of cards) {
      await refreshIncident(deps.incidents, incidentId).catch((err: unknown) =>
        logger.warn({ err, incidentId }, "could not show the alerts on the incident's card; the next change shows them"),
      );
    }
  } finally {
    await releaseGroupLease(db, groupHash, heldUntil).catch((err: unknown) => logger.warn({ err }, 'could not release an alert group'));
  }
  return { claimed: true, handled, failed };
}

async function handleOne(deps: AlertDeps, groupHash: string, row: AlertNotificationRow, sets: { storms: Set<string>; edits: Set<string>; cards: Set<string> }): Promise<boolean> {
  const { db, clock, logger } = deps;
  const group = await findGroupByHash(db, groupHash);
  if (!group || !row.payload) {
    await markNotificationHandled(db, row.id, clock.now(), 'gone');
    return true;
  }
  const notification = storedNotification(row.payload);
  const log = logger.child({ source: notification.source, groupKey: notification.groupKey });
  try {
    const outcome = await handleNotification(deps, group, notification, {
      receivedAt: fromStoredInstant(row.received_at),
      ...sets,
    });
    await markNotificationHandled(db, row.id, clock.now(), outcome);
    log.info({ outcome }, 'alert notification handled');
    return true;
  } catch (err) {
    const attempts = await markNotificationFailed(db, row.id, (n) => new Date(clock.now().getTime() + (RETRY_DELAYS_MS[Math.min(n, RETRY_DELAYS_MS.length) - 1] ?? 0)));
    if (attempts >= MAX_ATTEMPTS) {
      // Kept for the record; the group's later notifications go on.
      await giveUpNotification(db, row.id, clock.now());
      log.error({ err, attempts }, 'gave up on an alert notification that kept failing');
      return true;
    }
    log.warn({ err, attempts }, 'handling an alert notification failed; will retry');
    return false;
  }
}

/** Handled notifications are kept a week, for the record; unhandled ones whatever their age. */
const KEEP_NOTIFICATIONS_MS = 7 * 24 * 3_600_000;
/** Groups no notification touched for 90 days and that belong to no incident are forgotten. */
const KEEP_IDLE_GROUPS_MS = 90 * 24 * 3_600_000;
/** Storms no group joined for a week are over for good. */
const KEEP_STORMS_MS = 7 * 24 * 3_600_000;

/** Forgets what alerts left behind that nobody needs any more, so the tables do not grow for ever. */
export async function pruneAlerts(db: Kysely<Database>, now: Date): Promise<void> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  await pruneNotifications(db, before(KEEP_NOTIFICATIONS_MS));
  await pruneIdleGroups(db, toStoredInstant(before(KEEP_IDLE_GROUPS_MS)));
  await pruneStorms(db, toStoredInstant(before(KEEP_STORMS_MS)));
}
