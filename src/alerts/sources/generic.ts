import { z } from 'zod';
import { ALERT_LIMITS, type ParsedAlertPayload } from '../alert-notification';
import { alertLinks } from './alert-links';
import { boundedLabels } from './bounded-labels';
import { boundedText, oneLine } from './bounded-text';
import { notification } from './notification';
import { parsePayload } from './parse-payload';
import { identifier, optionalMap, optionalText, rfc3339Time } from './payload-fields';

/**
 * Our own format, for anything that can POST JSON: one alert per request, keyed by
 * `deduplication_key`. `metadata` becomes labels, numbers and booleans written as text; like
 * every optional field here, a value of another type is left out rather than refused.
 */
const genericPayload = z.object({
  status: z.enum(['firing', 'resolved']),
  title: z.string().trim().min(1),
  deduplication_key: identifier,
  description: optionalText,
  severity: optionalText,
  source_url: optionalText,
  metadata: optionalMap,
  started_at: rfc3339Time.optional(),
});

export function parseGeneric(body: unknown, receivedAt: Date): ParsedAlertPayload {
  const payload = parsePayload(genericPayload, body);
  const name = oneLine(payload.title, ALERT_LIMITS.name) ?? payload.deduplication_key;
  return notification('generic', payload.deduplication_key, oneLine(payload.title, ALERT_LIMITS.title) ?? name, [
    {
      fingerprint: payload.deduplication_key,
      status: payload.status,
      name,
      summary: null,
      description: boundedText(payload.description, ALERT_LIMITS.description),
      severity: oneLine(payload.severity, ALERT_LIMITS.severity)?.toLowerCase() ?? null,
      labels: boundedLabels(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, labelValue(value)] as const)),
      startsAt: payload.started_at ?? receivedAt,
      // The format has no end time: it ended when we were told.
      endsAt: payload.status === 'resolved' ? receivedAt : null,
      links: alertLinks({ generator: [], dashboard: [], runbook: [], source: [payload.source_url] }),
    },
  ]);
}

/** A metadata value as label text; undefined (left out) for null, arrays and objects. */
function labelValue(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
