import type { ReceivedAlert } from './alert-notification';

/** An alert starting or stopping, at the source's own time: what the incident's timeline records. */
export interface AlertTransition {
  alert: ReceivedAlert;
  kind: 'fired' | 'resolved';
  at: Date;
}

export interface AppliedNotification {
  /** The group's alerts after the notification: the known ones, updated, and the new ones. */
  alerts: ReceivedAlert[];
  /** The alerts whose stored state must be written (new or changed). */
  changed: ReceivedAlert[];
  transitions: AlertTransition[];
}

const sameInstant = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

/**
 * What a notification changes in a group's alerts. A repeat of what is known (Alertmanager
 * re-sends every group each `repeat_interval`; resolved alerts ride along in later notifications)
 * changes nothing; an alert seen for the first time already resolved both fired and resolved.
 */
export function applyNotification(known: readonly ReceivedAlert[], incoming: readonly ReceivedAlert[]): AppliedNotification {
  const byFingerprint = new Map(known.map((a) => [a.fingerprint, a]));
  const changed: ReceivedAlert[] = [];
  const transitions: AlertTransition[] = [];
  for (const alert of incoming) {
    const before = byFingerprint.get(alert.fingerprint);
    if (!before) {
      transitions.push({ alert, kind: 'fired', at: alert.startsAt });
      if (alert.status === 'resolved') transitions.push({ alert, kind: 'resolved', at: alert.endsAt ?? alert.startsAt });
    } else if (before.status === 'firing' && alert.status === 'resolved') {
      transitions.push({ alert, kind: 'resolved', at: alert.endsAt ?? alert.startsAt });
    } else if (before.status === 'resolved' && alert.status === 'firing') {
      transitions.push({ alert, kind: 'fired', at: alert.startsAt });
    } else if (
      before.status === alert.status &&
      sameInstant(before.startsAt, alert.startsAt) &&
      sameInstant(before.endsAt, alert.endsAt) &&
      before.summary === alert.summary &&
      before.description === alert.description &&
      before.name === alert.name
    ) {
      continue;
    }
    changed.push(alert);
    byFingerprint.set(alert.fingerprint, alert);
  }
  return { alerts: [...byFingerprint.values()], changed, transitions };
}
