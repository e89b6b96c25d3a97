import { z } from 'zod';
import { ALERT_LIMITS, type AlertState, type ParsedAlertPayload } from '../alert-notification';
import { alertLinks } from './alert-links';
import { boundedLabels } from './bounded-labels';
import { oneLine } from './bounded-text';
import { UNNAMED_ALERT, ignored, notification } from './notification';
import { parsePayload, preview } from './parse-payload';
import { identifier, optionalText, rfc3339Time } from './payload-fields';

/**
 * PagerDuty v3 webhooks (developer-docs `docs/webhooks/01-Overview.md`): one event per request,
 * the incident under `event.data`. An incident is one alert in a group of its own, keyed by its
 * id. Acknowledging (or the acknowledgement timing out) changes who is on it, not whether it
 * fires, so those events say "firing" too: a bot that missed the trigger still learns of the
 * incident, and one that saw it hears nothing new.
 */
const EVENT_STATES: Readonly<Record<string, AlertState>> = {
  'incident.triggered': 'firing',
  'incident.reopened': 'firing',
  'incident.acknowledged': 'firing',
  'incident.unacknowledged': 'firing',
  'incident.resolved': 'resolved',
};

const pagerDutyEnvelope = z.object({ event: z.object({ event_type: z.string() }) });

/** A reference PagerDuty embeds (`service`, `priority`); only its `summary` is read. */
const reference = z.object({ summary: optionalText }).nullish().catch(null);

const pagerDutyIncidentEvent = z.object({
  event: z.object({
    occurred_at: rfc3339Time,
    data: z.object({
      id: identifier,
      title: z.string(),
      created_at: rfc3339Time,
      html_url: optionalText,
      service: reference,
      // null on accounts without priorities.
      priority: reference,
      urgency: optionalText,
    }),
  }),
});

export function parsePagerDuty(body: unknown): ParsedAlertPayload {
  const eventType = parsePayload(pagerDutyEnvelope, body).event.event_type;
  const status = Object.hasOwn(EVENT_STATES, eventType) ? EVENT_STATES[eventType] : undefined;
  if (!status) return ignored(`PagerDuty event ${preview(eventType)} neither fires nor resolves an incident`);

  const { occurred_at: occurredAt, data } = parsePayload(pagerDutyIncidentEvent, body).event;
  const priority = oneLine(data.priority?.summary, ALERT_LIMITS.severity);
  const urgency = oneLine(data.urgency, ALERT_LIMITS.severity);
  const labels = boundedLabels(
    [
      ['service', data.service?.summary],
      ['urgency', urgency],
      ['priority', priority],
    ].filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return notification('pagerduty', data.id, oneLine(data.title, ALERT_LIMITS.title) ?? UNNAMED_ALERT, [
    {
      fingerprint: data.id,
      status,
      name: oneLine(data.title, ALERT_LIMITS.name) ?? UNNAMED_ALERT,
      summary: null,
      description: null,
      severity: (priority ?? urgency)?.toLowerCase() ?? null,
      labels,
      startsAt: data.created_at,
      endsAt: status === 'resolved' ? occurredAt : null,
      links: alertLinks({ generator: [], dashboard: [], runbook: [], source: [data.html_url] }),
    },
  ]);
}
