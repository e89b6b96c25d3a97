import { ALERT_LIMITS, type AlertSource, type ParsedAlertPayload, type ReceivedAlert } from '../alert-notification';
import { oneLine, truncate } from './bounded-text';

/** The name an alert gets when its source gave it none (or only whitespace). */
export const UNNAMED_ALERT = '(unnamed alert)';

/** A parsed notification; the group fires while any of its alerts does. */
export function notification(source: AlertSource, groupKey: string, title: string, alerts: ReceivedAlert[]): ParsedAlertPayload {
  const status = alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved';
  return { kind: 'notification', notification: { source, groupKey, status, title, alerts } };
}

/** A payload understood but not about an alert firing or resolving (a note, a test ping). */
export function ignored(reason: string): ParsedAlertPayload {
  return { kind: 'ignored', reason };
}

/**
 * One line for a group of alerts: their summary when they all share one, else the alert's name
 * (`HighLatency (3 alerts)`) or the first name and how many others (`HighLatency and 2 more`).
 * The count is kept whole when the name must be cut.
 */
export function groupTitle(alerts: ReadonlyArray<ReceivedAlert>): string {
  const [first] = alerts;
  if (!first) return UNNAMED_ALERT;
  if (first.summary !== null && alerts.every((alert) => alert.summary === first.summary)) {
    return oneLine(first.summary, ALERT_LIMITS.title) ?? UNNAMED_ALERT;
  }
  const names = [...new Set(alerts.map((alert) => alert.name))];
  const suffix = names.length > 1 ? ` and ${names.length - 1} more` : alerts.length > 1 ? ` (${alerts.length} alerts)` : '';
  const name = oneLine(first.name, ALERT_LIMITS.title) ?? UNNAMED_ALERT;
  return truncate(name, ALERT_LIMITS.title - suffix.length) + suffix;
}
