import { ALERT_LIMITS } from '../../../src/alerts/alert-notification';
import { parseAlertPayload } from '../../../src/alerts/sources';
import { invalidInput } from './invalid-input';

const receivedAt = new Date('2020-10-02T18:45:23Z');

/**
 * The example v3 webhook in PagerDuty's docs (PagerDuty/developer-docs docs/webhooks/
 * 01-Overview.md, "Webhook Payload"): an `incident.priority_updated` event. Tests change its
 * `event_type` to the events that fire and resolve.
 */
const SAMPLE = `{
  "event": {
    "id": "5ac64822-4adc-4fda-ade0-410becf0de4f",
    "event_type": "incident.priority_updated",
    "resource_type": "incident",
    "occurred_at": "2020-10-02T18:45:22.169Z",
    "agent": {
      "html_url": "https://acme.pagerduty.com/users/PLH1HKV",
      "id": "PLH1HKV",
      "self": "https://api.pagerduty.com/users/PLH1HKV",
      "summary": "Tenex Engineer",
      "type": "user_reference"
    },
    "client": { "name": "PagerDuty" },
    "data": {
      "id": "PGR0VU2",
      "type": "incident",
      "self": "https://api.pagerduty.com/incidents/PGR0VU2",
      "html_url": "https://acme.pagerduty.com/incidents/PGR0VU2",
      "number": 2,
      "status": "triggered",
      "incident_key": "d3640fbd41094207a1c11e58e46b1662",
      "created_at": "2020-04-09T15:16:27Z",
      "title": "A little bump in the road",
      "service": {
        "html_url": "https://acme.pagerduty.com/services/PF9KMXH",
        "id": "PF9KMXH",
        "self": "https://api.pagerduty.com/services/PF9KMXH",
        "summary": "API Service",
        "type": "service_reference"
      },
      "assignees": [
        {
          "html_url": "https://acme.pagerduty.com/users/PTUXL6G",
          "id": "PTUXL6G",
          "self": "https://api.pagerduty.com/users/PTUXL6G",
          "summary": "User 123",
          "type": "user_reference"
        }
      ],
      "escalation_policy": {
        "html_url": "https://acme.pagerduty.com/escalation_policies/PUS0KTE",
        "id": "PUS0KTE",
        "self": "https://api.pagerduty.com/escalation_policies/PUS0KTE",
        "summary": "Default",
        "type": "escalation_policy_reference"
      },
      "teams": [
        {
          "html_url": "https://acme.pagerduty.com/teams/PFCVPS0",
          "id": "PFCVPS0",
          "self": "https://api.pagerduty.com/teams/PFCVPS0",
          "summary": "Engineering",
          "type": "team_reference"
        }
      ],
      "priority": {
        "html_url": "https://acme.pagerduty.com/account/incident_priorities",
        "id": "PSO75BM",
        "self": "https://api.pagerduty.com/priorities/PSO75BM",
        "summary": "P1",
        "type": "priority_reference"
      },
      "urgency": "high",
      "conference_bridge": { "conference_number": "+1 1234123412,,987654321#", "conference_url": "https://example.com" },
      "resolve_reason": null
    }
  }
}`;

type Payload = { [key: string]: any };

/** The sample as event `eventType`, with `data` fields overridden. */
function event(eventType: string, data: Payload = {}): Payload {
  const body = JSON.parse(SAMPLE) as Payload;
  body['event'].event_type = eventType;
  Object.assign(body['event'].data, data);
  return body;
}

function parse(body: unknown) {
  return parseAlertPayload('pagerduty', body, receivedAt);
}

function alertOf(body: Payload) {
  const result = parse(body);
  if (result.kind !== 'notification') throw new Error(`expected a notification, got ${result.kind}`);
  return result.notification.alerts[0]!;
}

describe('PagerDuty v3 webhook payloads', () => {
  it('reads a triggered incident as one firing alert in a group keyed by the incident id', () => {
    expect(parse(event('incident.triggered'))).toEqual({
      kind: 'notification',
      notification: {
        source: 'pagerduty',
        groupKey: 'PGR0VU2',
        status: 'firing',
        title: 'A little bump in the road',
        alerts: [
          {
            fingerprint: 'PGR0VU2',
            status: 'firing',
            name: 'A little bump in the road',
            summary: null,
            description: null,
            severity: 'p1',
            labels: { service: 'API Service', urgency: 'high', priority: 'P1' },
            startsAt: new Date('2020-04-09T15:16:27Z'),
            endsAt: null,
            links: { source: 'https://acme.pagerduty.com/incidents/PGR0VU2' },
          },
        ],
      },
    });
  });

  it('reads a resolved incident as resolved when the event occurred', () => {
    const result = parse(event('incident.resolved', { status: 'resolved' }));
    if (result.kind !== 'notification') throw new Error('expected a notification');
    expect(result.notification.status).toBe('resolved');
    expect(result.notification.alerts[0]).toMatchObject({ status: 'resolved', endsAt: new Date('2020-10-02T18:45:22.169Z') });
  });

  it('still fires when the incident is reopened, acknowledged or unacknowledged', () => {
    for (const type of ['incident.reopened', 'incident.acknowledged', 'incident.unacknowledged']) {
      expect(alertOf(event(type))).toMatchObject({ status: 'firing', endsAt: null });
    }
  });

  it('ignores events that neither fire nor resolve, whatever their data', () => {
    expect(parse(JSON.parse(SAMPLE))).toEqual({
      kind: 'ignored',
      reason: 'PagerDuty event "incident.priority_updated" neither fires nor resolves an incident',
    });
    // An incident_note, shaped unlike an incident (the docs' "incident_note" data type).
    const note = { event: { event_type: 'incident.annotated', data: { id: 'P2LA89X', content: 'Glad we use PagerDuty', type: 'incident_note' } } };
    expect(parse(note)).toMatchObject({ kind: 'ignored' });
    expect(parse({ event: { event_type: 'pagey.ping', data: { message: 'Hello from your friend Pagey!', type: 'ping' } } })).toMatchObject({
      kind: 'ignored',
    });
  });

  it('uses the urgency as severity when the account has no priorities', () => {
    expect(alertOf(event('incident.triggered', { priority: null }))).toMatchObject({
      severity: 'high',
      labels: { service: 'API Service', urgency: 'high' },
    });
  });

  it('refuses an incident event without its id, title or a valid time', () => {
    const { id: _, ...idless } = event('incident.triggered')['event'].data;
    expect(invalidInput(() => parse({ event: { ...event('incident.triggered')['event'], data: idless } }))).toBe('event.data.id: required');
    expect(invalidInput(() => parse(event('incident.triggered', { title: null })))).toBe('event.data.title: expected a string, got null');
    expect(invalidInput(() => parse(event('incident.triggered', { created_at: '9 April 2020' })))).toBe(
      'event.data.created_at: expected an RFC 3339 time, got "9 April 2020"',
    );
    expect(invalidInput(() => parse({ event: { ...event('incident.resolved')['event'], occurred_at: '' } }))).toBe(
      'event.occurred_at: expected an RFC 3339 time, got ""',
    );
    expect(invalidInput(() => parse({}))).toBe('event: required');
    expect(invalidInput(() => parse({ event: {} }))).toBe('event.event_type: required');
  });

  it('drops an incident link that is not http(s), and bounds a huge title', () => {
    const alert = alertOf(event('incident.triggered', { html_url: 'javascript:alert(1)', title: `Fire ${'!'.repeat(1000)}` }));
    expect(alert.links).toEqual({});
    expect(alert.name).toHaveLength(ALERT_LIMITS.name);
    const result = parse(event('incident.triggered', { title: `Fire\n${'!'.repeat(1000)}` }));
    if (result.kind !== 'notification') throw new Error('expected a notification');
    expect(result.notification.title).toHaveLength(ALERT_LIMITS.title);
    expect(result.notification.title.startsWith('Fire !!!')).toBe(true);
  });
});
