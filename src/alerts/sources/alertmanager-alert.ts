import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ALERT_LIMITS, type AlertLinks, type ReceivedAlert } from '../alert-notification';
import { boundedKey } from './bounded-key';
import { boundedLabels, stringEntries } from './bounded-labels';
import { boundedText, oneLine } from './bounded-text';
import { UNNAMED_ALERT } from './notification';
import { isGoZeroTime } from './parse-time';
import { identifier, optionalMap, optionalText, rfc3339Time } from './payload-fields';

/**
 * The alert and group shape Alertmanager's webhook sends (`template.Data` in
 * prometheus/alertmanager `template/template.go`), which Grafana's webhook contact point
 * copies and extends.
 */

/** A Go `time.Time` as JSON: an RFC 3339 instant, or null for Go's zero time ("not set"). */
const goTime = z
  .string()
  .transform((value) => (isGoZeroTime(value) ? null : value))
  .pipe(rfc3339Time.nullable());

export const alertmanagerAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: optionalMap,
  annotations: optionalMap,
  startsAt: goTime,
  endsAt: goTime.optional(),
  generatorURL: optionalText,
  // Absent before Alertmanager 0.19; then the labels, which define the alert, stand in.
  fingerprint: optionalText,
});

export type AlertmanagerAlert = z.output<typeof alertmanagerAlert>;

/**
 * A group of such alerts: its key and at most ALERT_LIMITS.alertsPerNotification alerts, the
 * rest dropped before they are read (Alertmanager itself truncates the same way, counting the
 * dropped in `truncatedAlerts`).
 */
export function alertGroup<A extends z.ZodType>(alert: A) {
  return z.object({
    groupKey: identifier,
    alerts: z
      .array(z.unknown())
      .min(1)
      .transform((alerts) => alerts.slice(0, ALERT_LIMITS.alertsPerNotification))
      .pipe(z.array(alert)),
  });
}

/** One alert in the normalised form; `links` come from the caller, since Grafana adds its own. */
export function receivedAlert(alert: AlertmanagerAlert, links: AlertLinks, receivedAt: Date): ReceivedAlert {
  const labels = stringEntries(alert.labels);
  const annotations = Object.fromEntries(stringEntries(alert.annotations));
  const label = (name: string) => labels.find(([key]) => key === name)?.[1];
  return {
    fingerprint: alert.fingerprint ? boundedKey(alert.fingerprint, ALERT_LIMITS.groupKey) : labelsFingerprint(labels),
    status: alert.status,
    name: oneLine(label('alertname'), ALERT_LIMITS.name) ?? UNNAMED_ALERT,
    // Older kube-prometheus rules wrote their one line as `message`.
    summary: boundedText(annotations['summary'] ?? annotations['message'], ALERT_LIMITS.summary),
    description: boundedText(annotations['description'], ALERT_LIMITS.description),
    severity: oneLine(label('severity'), ALERT_LIMITS.severity)?.toLowerCase() ?? null,
    labels: boundedLabels(labels),
    startsAt: alert.startsAt ?? receivedAt,
    // A firing alert's endsAt is only when Alertmanager would time it out, not an end.
    endsAt: alert.status === 'firing' ? null : (alert.endsAt ?? receivedAt),
    links,
  };
}

/** The links every Alertmanager-shaped alert can carry in its annotations. */
export function annotationLinks(alert: AlertmanagerAlert): { generator: unknown[]; runbook: unknown[]; dashboard: unknown[] } {
  const annotations = Object.fromEntries(stringEntries(alert.annotations));
  return {
    generator: [alert.generatorURL],
    runbook: [annotations['runbook_url'], annotations['runbook']],
    dashboard: [annotations['dashboard_url'], annotations['dashboard']],
  };
}

/** What Alertmanager's own fingerprint is made from: the label set, in name order. */
function labelsFingerprint(labels: ReadonlyArray<[string, string]>): string {
  const sorted = [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}
