import { z } from 'zod';
import type { ParsedAlertPayload } from '../alert-notification';
import { alertLinks } from './alert-links';
import { alertGroup, alertmanagerAlert, annotationLinks, receivedAlert } from './alertmanager-alert';
import { groupTitle, notification } from './notification';
import { parsePayload } from './parse-payload';

/**
 * Alertmanager's webhook receiver payload, version "4" (`notify/webhook/webhook.go`). Another
 * version would be a format we have not read, so it is refused rather than half-understood.
 */
const alertmanagerPayload = z.object({ version: z.literal('4'), ...alertGroup(alertmanagerAlert).shape });

export function parseAlertmanager(body: unknown, receivedAt: Date): ParsedAlertPayload {
  const payload = parsePayload(alertmanagerPayload, body);
  const alerts = payload.alerts.map((alert) => receivedAlert(alert, alertLinks({ ...annotationLinks(alert), source: [] }), receivedAt));
  return notification('alertmanager', payload.groupKey, groupTitle(alerts), alerts);
}
