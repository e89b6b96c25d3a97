import { z } from 'zod';
import { ALERT_LIMITS, type AlertState, type ParsedAlertPayload } from '../alert-notification';
import { boundedKey } from './bounded-key';
import { boundedLabels, stringEntries } from './bounded-labels';
import { boundedText, oneLine } from './bounded-text';
import { UNNAMED_ALERT, ignored, notification } from './notification';
import { invalidPayload, parsePayload, preview } from './parse-payload';
import { epochTime, optionalMap, optionalText } from './payload-fields';

/**
 * Opsgenie's webhook integration ("alert action data" in its docs): one alert per request, keyed
 * by its alias, which Opsgenie deduplicates on. Only creating and closing an alert change whether
 * it fires; acknowledging, notes, tags and the rest are ignored.
 */
const ACTION_STATES: Readonly<Record<string, AlertState>> = { Create: 'firing', Close: 'resolved' };

const opsgenieEnvelope = z.object({ action: z.string() });

const opsgenieAction = z.object({
  alert: z.object({
    alertId: optionalText,
    alias: optionalText,
    message: z.string(),
    description: optionalText,
    // "P1".."P5" as documented; some integrations send the bare number.
    priority: z.union([z.string(), z.number()]).nullish().catch(null),
    entity: optionalText,
    tags: z.array(z.unknown()).nullish().catch(null),
    details: optionalMap,
    // Milliseconds for createdAt, nanoseconds for updatedAt in Opsgenie's own samples.
    createdAt: epochTime.optional(),
    updatedAt: epochTime.optional(),
  }),
});

export function parseOpsgenie(body: unknown, receivedAt: Date): ParsedAlertPayload {
  const action = parsePayload(opsgenieEnvelope, body).action;
  const status = Object.hasOwn(ACTION_STATES, action) ? ACTION_STATES[action] : undefined;
  if (!status) return ignored(`Opsgenie action ${preview(action)} neither fires nor resolves an alert`);

  const { alert } = parsePayload(opsgenieAction, body);
  const key = alert.alias || alert.alertId;
  if (!key) throw invalidPayload(['alert', 'alias'], 'required (or alert.alertId)');
  const groupKey = boundedKey(key, ALERT_LIMITS.groupKey);
  const priority = typeof alert.priority === 'number' ? `P${alert.priority}` : oneLine(alert.priority, ALERT_LIMITS.severity);
  const tags = (alert.tags ?? []).filter((tag): tag is string => typeof tag === 'string');
  const labels = boundedLabels([
    ...(alert.entity ? [['entity', alert.entity] as const] : []),
    ...(priority ? [['priority', priority] as const] : []),
    ...(tags.length > 0 ? [['tags', tags.join(', ')] as const] : []),
    ...stringEntries(alert.details),
  ]);
  return notification('opsgenie', groupKey, oneLine(alert.message, ALERT_LIMITS.title) ?? UNNAMED_ALERT, [
    {
      // The alias outlives one alert (a closed alias can fire again); the id does not.
      fingerprint: alert.alertId ? boundedKey(alert.alertId, ALERT_LIMITS.groupKey) : groupKey,
      status,
      name: oneLine(alert.message, ALERT_LIMITS.name) ?? UNNAMED_ALERT,
      summary: null,
      description: boundedText(alert.description, ALERT_LIMITS.description),
      severity: priority?.toLowerCase() ?? null,
      labels,
      startsAt: alert.createdAt ?? receivedAt,
      // The payload carries no close time; a Close is the alert's last update.
      endsAt: status === 'resolved' ? (alert.updatedAt ?? receivedAt) : null,
      // No link: the payload names neither the Opsgenie site (US or EU) nor the alert's page.
      links: {},
    },
  ]);
}
