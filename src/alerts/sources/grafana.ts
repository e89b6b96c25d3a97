import type { ParsedAlertPayload } from '../alert-notification';
import { alertLinks } from './alert-links';
import { alertGroup, alertmanagerAlert, annotationLinks, receivedAlert } from './alertmanager-alert';
import { groupTitle, notification } from './notification';
import { parsePayload } from './parse-payload';
import { optionalText } from './payload-fields';

/**
 * Grafana's webhook contact point (unified alerting): Alertmanager's shape plus links per alert.
 * Its `version` is Grafana's own ("1") and its top-level `title`/`message` are deprecated
 * templates, so neither is read; the title is built like Alertmanager's.
 */
const grafanaAlert = alertmanagerAlert.extend({ dashboardURL: optionalText, panelURL: optionalText });

const grafanaPayload = alertGroup(grafanaAlert);

export function parseGrafana(body: unknown, receivedAt: Date): ParsedAlertPayload {
  const payload = parsePayload(grafanaPayload, body);
  const alerts = payload.alerts.map((alert) => {
    const links = annotationLinks(alert);
    return receivedAlert(
      alert,
      alertLinks({ ...links, dashboard: [alert.dashboardURL, alert.panelURL, ...links.dashboard], source: [] }),
      receivedAt,
    );
  });
  return notification('grafana', payload.groupKey, groupTitle(alerts), alerts);
}
