import { ALERT_LIMITS } from '../../../src/alerts/alert-notification';
import { parseAlertPayload } from '../../../src/alerts/sources';
import { invalidInput } from './invalid-input';

const receivedAt = new Date('2024-05-01T12:00:00Z');

/** Our own format, as its documentation will show it. */
const EXAMPLE = {
  status: 'firing',
  title: 'Checkout error rate above 5%',
  deduplication_key: 'checkout-error-rate',
  description: 'Errors on POST /checkout since the 11:50 deploy.',
  severity: 'Critical',
  source_url: 'https://monitoring.example.com/checks/42',
  metadata: { service: 'checkout', region: 'eu-west-1', replicas: 3, canary: false },
  started_at: '2024-05-01T11:52:00+02:00',
};

function parse(body: unknown) {
  return parseAlertPayload('generic', body, receivedAt);
}

function alertOf(body: unknown) {
  const result = parse(body);
  if (result.kind !== 'notification') throw new Error(`expected a notification, got ${result.kind}`);
  return result.notification.alerts[0]!;
}

describe('generic alert payloads', () => {
  it('reads the documented example', () => {
    expect(parse(EXAMPLE)).toEqual({
      kind: 'notification',
      notification: {
        source: 'generic',
        groupKey: 'checkout-error-rate',
        status: 'firing',
        title: 'Checkout error rate above 5%',
        alerts: [
          {
            fingerprint: 'checkout-error-rate',
            status: 'firing',
            name: 'Checkout error rate above 5%',
            summary: null,
            description: 'Errors on POST /checkout since the 11:50 deploy.',
            severity: 'critical',
            labels: { service: 'checkout', region: 'eu-west-1', replicas: '3', canary: 'false' },
            startsAt: new Date('2024-05-01T09:52:00Z'),
            endsAt: null,
            links: { source: 'https://monitoring.example.com/checks/42' },
          },
        ],
      },
    });
  });

  it('needs only status, title and deduplication key; times it lacks are when it arrived', () => {
    const firing = alertOf({ status: 'firing', title: 'Disk full', deduplication_key: 'disk' });
    expect(firing).toEqual({
      fingerprint: 'disk',
      status: 'firing',
      name: 'Disk full',
      summary: null,
      description: null,
      severity: null,
      labels: {},
      startsAt: receivedAt,
      endsAt: null,
      links: {},
    });
    expect(alertOf({ status: 'resolved', title: 'Disk full', deduplication_key: 'disk' })).toMatchObject({ status: 'resolved', endsAt: receivedAt });
  });

  it('refuses a payload missing a required field, naming it', () => {
    const { title: _, ...untitled } = EXAMPLE;
    expect(invalidInput(() => parse(untitled))).toBe('title: required');
    expect(invalidInput(() => parse({ ...EXAMPLE, title: '   ' }))).toBe('title: must not be empty');
    const { deduplication_key: __, ...keyless } = EXAMPLE;
    expect(invalidInput(() => parse(keyless))).toBe('deduplication_key: required');
    expect(invalidInput(() => parse({ ...EXAMPLE, status: 'critical' }))).toBe('status: expected "firing" or "resolved", got "critical"');
    expect(invalidInput(() => parse({ title: 'x' }))).toBe('status: required; deduplication_key: required');
  });

  it('refuses a start time that is not RFC 3339', () => {
    expect(invalidInput(() => parse({ ...EXAMPLE, started_at: '2024-05-01' }))).toBe('started_at: expected an RFC 3339 time, got "2024-05-01"');
    expect(invalidInput(() => parse({ ...EXAMPLE, started_at: 1714557120 }))).toBe('started_at: expected a string, got a number');
  });

  it('drops a source link that is not http(s) and metadata values that are not text, numbers or booleans', () => {
    const alert = alertOf({ ...EXAMPLE, source_url: 'javascript:alert(1)', metadata: { team: 'payments', owner: null, tags: ['a'] } });
    expect(alert.links).toEqual({});
    expect(alert.labels).toEqual({ team: 'payments' });
  });

  it('bounds huge text, keeps 50 labels and ignores unknown fields', () => {
    const metadata = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`m${i}`, i]));
    const result = parse({ ...EXAMPLE, title: 't'.repeat(400), description: 'd'.repeat(4000), metadata, priority: 'P1', links: [] });
    if (result.kind !== 'notification') throw new Error('expected a notification');
    expect(result.notification.title).toHaveLength(ALERT_LIMITS.title);
    const alert = result.notification.alerts[0]!;
    expect(alert.name).toHaveLength(ALERT_LIMITS.name);
    expect(alert.description).toHaveLength(ALERT_LIMITS.description);
    expect(Object.keys(alert.labels)).toHaveLength(ALERT_LIMITS.labels);
  });
});
