import { ALERT_LIMITS } from '../../../src/alerts/alert-notification';
import { parseAlertPayload } from '../../../src/alerts/sources';
import { invalidInput } from './invalid-input';

const receivedAt = new Date('2015-01-05T10:10:00Z');

/**
 * Opsgenie's "alert action data" samples for the webhook integration (docs.opsgenie.com,
 * "Marid Alert Action Data"; the same in zulip's zerver/webhooks/opsgenie/fixtures). Note the
 * units: createdAt in milliseconds, updatedAt in nanoseconds.
 */
const CREATE = `{
  "source": { "name": "web", "type": "API" },
  "alert": {
    "updatedAt": 1420452193166002000,
    "tags": ["tag1", "tag2"],
    "teams": ["team1", "team2"],
    "recipients": ["recipient1", "recipient2"],
    "message": " test alert",
    "username": "fili@ifountain.com",
    "alertId": "052652ac-5d1c-464a-812a-7dd18bbfba8c",
    "source": "fili@ifountain.com",
    "alias": "aliastest",
    "tinyId": "23",
    "createdAt": 1420452191104,
    "userId": "daed1180-0ce8-438b-8f8e-57e1a5920a2d",
    "entity": ""
  },
  "action": "Create",
  "integrationId": "37c8f316-17c6-49d7-899b-9c7e540c048d",
  "integrationName": "Integration1"
}`;

const CLOSE = `{
  "source": { "name": "", "type": "web" },
  "alert": {
    "updatedAt": 1420452374669001603,
    "tags": [],
    "message": "test alert",
    "username": "fili@ifountain.com",
    "alertId": "052652ac-5d1c-464a-812a-7dd18bbfba8c",
    "source": "fili@ifountain.com",
    "alias": "aliastest",
    "tinyId": "23",
    "createdAt": 1420452191104,
    "userId": "daed1180-0ce8-438b-8f8e-57e1a5920a2d",
    "entity": ""
  },
  "action": "Close",
  "integrationId": "37c8f316-17c6-49d7-899b-9c7e540c048d",
  "integrationName": "Integration1"
}`;

type Payload = { [key: string]: any };

/** The Create sample with `alert` fields overridden. */
function created(alert: Payload = {}): Payload {
  const body = JSON.parse(CREATE) as Payload;
  return { ...body, alert: { ...body['alert'], ...alert } };
}

function parse(body: unknown) {
  return parseAlertPayload('opsgenie', body, receivedAt);
}

function alertOf(body: Payload) {
  const result = parse(body);
  if (result.kind !== 'notification') throw new Error(`expected a notification, got ${result.kind}`);
  return result.notification.alerts[0]!;
}

describe('Opsgenie webhook integration payloads', () => {
  it('reads a Create as one firing alert in a group keyed by the alias', () => {
    expect(parse(JSON.parse(CREATE))).toEqual({
      kind: 'notification',
      notification: {
        source: 'opsgenie',
        groupKey: 'aliastest',
        status: 'firing',
        title: 'test alert',
        alerts: [
          {
            fingerprint: '052652ac-5d1c-464a-812a-7dd18bbfba8c',
            status: 'firing',
            name: 'test alert',
            summary: null,
            description: null,
            severity: null,
            labels: { tags: 'tag1, tag2' },
            startsAt: new Date(1420452191104),
            endsAt: null,
            links: {},
          },
        ],
      },
    });
  });

  it('reads a Close as resolved at its last update, read as nanoseconds', () => {
    const result = parse(JSON.parse(CLOSE));
    if (result.kind !== 'notification') throw new Error('expected a notification');
    expect(result.notification).toMatchObject({ groupKey: 'aliastest', status: 'resolved' });
    expect(result.notification.alerts[0]).toMatchObject({
      status: 'resolved',
      startsAt: new Date('2015-01-05T10:03:11.104Z'),
      endsAt: new Date('2015-01-05T10:06:14.669Z'),
    });
  });

  it('ignores other actions', () => {
    for (const action of ['Acknowledge', 'UnAcknowledge', 'AddNote', 'AssignOwnership', 'Delete', 'My custom action']) {
      expect(parse({ ...JSON.parse(CLOSE), action })).toEqual({
        kind: 'ignored',
        reason: `Opsgenie action "${action}" neither fires nor resolves an alert`,
      });
    }
  });

  it('reads priority, entity, description and details when the integration sends them', () => {
    const alert = alertOf(
      created({ priority: 'P2', entity: 'checkout', description: 'Error rate above 5%', details: { service: 'api', region: 'eu', count: 3 } }),
    );
    expect(alert).toMatchObject({
      severity: 'p2',
      description: 'Error rate above 5%',
      labels: { entity: 'checkout', priority: 'P2', tags: 'tag1, tag2', service: 'api', region: 'eu' },
    });
    // Some integrations send the priority as a bare number.
    expect(alertOf(created({ priority: 3 }))).toMatchObject({ severity: 'p3', labels: { priority: 'P3' } });
  });

  it('falls back to the alert id when there is no alias, and refuses an alert with neither', () => {
    const result = parse(created({ alias: undefined }));
    expect(result).toMatchObject({ kind: 'notification', notification: { groupKey: '052652ac-5d1c-464a-812a-7dd18bbfba8c' } });
    expect(invalidInput(() => parse(created({ alias: '', alertId: undefined })))).toBe('alert.alias: required (or alert.alertId)');
  });

  it('refuses a Create without its message or with a time that is not epoch milliseconds', () => {
    expect(invalidInput(() => parse(created({ message: undefined })))).toBe('alert.message: required');
    expect(invalidInput(() => parse(created({ createdAt: '2015-01-05' })))).toBe('alert.createdAt: expected a number, got a string');
    expect(invalidInput(() => parse(created({ createdAt: -5 })))).toBe('alert.createdAt: expected milliseconds since the epoch, got -5');
    expect(invalidInput(() => parse({ alert: {} }))).toBe('action: required');
  });

  it('starts an alert without createdAt when it arrived, and ends a Close without updatedAt likewise', () => {
    expect(alertOf(created({ createdAt: undefined })).startsAt).toEqual(receivedAt);
    const close = JSON.parse(CLOSE) as Payload;
    delete close['alert'].updatedAt;
    expect(alertOf(close).endsAt).toEqual(receivedAt);
  });

  it('bounds huge text and keeps at most 50 labels', () => {
    const details = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v'.repeat(2000)]));
    const alert = alertOf(created({ message: 'm'.repeat(1000), description: 'd'.repeat(20_000), details }));
    expect(alert.name).toHaveLength(ALERT_LIMITS.name);
    expect(alert.description).toHaveLength(ALERT_LIMITS.description);
    expect(Object.keys(alert.labels)).toHaveLength(ALERT_LIMITS.labels);
    expect(alert.labels['k0']).toHaveLength(ALERT_LIMITS.labelValue);
  });
});
