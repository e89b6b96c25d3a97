import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import type { AlertNotification, AlertSource } from './alert-notification';
import { ensureGroup, insertNotification } from './alerts.repository';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/**
 * How long the same body counts as a retry of one delivery (PagerDuty and Alertmanager retry
 * within minutes). After that it is handled again: harmless for a repeat of what is known, and
 * the only way a source that sends identical JSON each time can say "firing again".
 */
const RETRY_WINDOW_MS = 10 * 60_000;

/** The group's identity: its source and the source's own key. */
export const groupHashOf = (source: AlertSource, groupKey: string): string => sha256(`${source}\u0000${groupKey}`);

/**
 * Stores a notification before the sender is answered, with its group, so that a crash after the
 * 2xx loses nothing. The same delivery sent again (a retry, Alertmanager's repeat of an unchanged
 * group) is the same row. Returns whether it was new.
 */
export async function receiveNotification(
  deps: { db: Kysely<Database>; clock: Clock },
  notification: AlertNotification,
  rawBody: Buffer,
): Promise<boolean> {
  const now = toStoredInstant(deps.clock.now());
  const groupHash = groupHashOf(notification.source, notification.groupKey);
  return deps.db.transaction().execute(async (trx) => {
    await ensureGroup(trx, {
      id: randomUUID(),
      group_hash: groupHash,
      source: notification.source,
      group_key: notification.groupKey,
      title: notification.title,
      // Decided by the rules when the notification is handled.
      severity: 'SEV4',
      state: 'new',
      first_received_at: now,
      last_received_at: now,
      created_at: now,
      updated_at: now,
    });
    return insertNotification(
      trx,
      {
        id: `${notification.source}:${sha256(rawBody).slice(0, 48)}`,
        source: notification.source,
        group_hash: groupHash,
        received_at: now,
        payload: JSON.stringify(notification),
      },
      toStoredInstant(new Date(deps.clock.now().getTime() - RETRY_WINDOW_MS)),
    );
  });
}
