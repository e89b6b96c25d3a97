import { ALERT_LIMITS, type ParsedAlertPayload } from '../../../src/alerts/alert-notification';
import { parseAlertPayload } from '../../../src/alerts/sources';
import { invalidInput } from './invalid-input';

const receivedAt = new Date('2023-02-06T13:10:00Z');

/**
 * Alertmanager's webhook body, version "4": the fields of `Message` in prometheus/alertmanager
 * notify/webhook/webhook.go and `Data`/`Alert` in template/template.go; the values are the
 * sample-v4-payload.json shipped with the alertmanager-webhook-types crate (docs.rs).
 */
const SAMPLE = `{
  "receiver": "sms",
  "status": "firing",
  "alerts": [
    {
      "status": "firing",
      "labels": {
        "alertname": "ProbeFailure",
        "instance": "https://server.example.org",
        "job": "http_checks",
        "monitor": "master",
        "severity": "critical"
      },
      "annotations": {
        "description": "Instance https://server.example.org has been down for over 5m. Job: http_checks",
        "summary": "BlackBox Probe Failure: https://server.example.org"
      },
      "startsAt": "2023-02-06T13:08:45.828Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0\\u0026g0.tab=1",
      "fingerprint": "1a30ba71cca2921f"
    }
  ],
  "groupLabels": { "alertname": "ProbeFailure" },
  "commonLabels": {
    "alertname": "ProbeFailure",
    "instance": "https://server.example.org",
    "job": "http_checks",
    "monitor": "master",
    "severity": "critical"
  },
  "commonAnnotations": {
    "description": "Instance https://server.example.org has been down for over 5m. Job: http_checks",
    "summary": "BlackBox Probe Failure: https://server.example.org"
  },
  "externalURL": "http://prometheus.example.org:9093",
  "version": "4",
  "groupKey": "{}/{severity=\\"critical\\"}:{alertname=\\"ProbeFailure\\"}",
  "truncatedAlerts": 0
}`;

type Payload = { [key: string]: any };

function sample(): Payload {
  return JSON.parse(SAMPLE) as Payload;
}

function alertOf(overrides: Payload = {}): Payload {
  return { ...sample()['alerts'][0], ...overrides };
}

function withAlerts(...alerts: Payload[]): Payload {
  return { ...sample(), alerts };
}

function parse(body: unknown) {
  return parseAlertPayload('alertmanager', body, receivedAt);
}

function notificationOf(result: ParsedAlertPayload) {
  if (result.kind !== 'notification') throw new Error(`expected a notification, got ${result.kind}`);
  return result.notification;
}

describe('Alertmanager webhook payloads', () => {
  it('reads the documented sample into one firing group of one alert', () => {
    expect(parse(sample())).toEqual({
      kind: 'notification',
      notification: {
        source: 'alertmanager',
        groupKey: '{}/{severity="critical"}:{alertname="ProbeFailure"}',
        status: 'firing',
        title: 'BlackBox Probe Failure: https://server.example.org',
        alerts: [
          {
            fingerprint: '1a30ba71cca2921f',
            status: 'firing',
            name: 'ProbeFailure',
            summary: 'BlackBox Probe Failure: https://server.example.org',
            description: 'Instance https://server.example.org has been down for over 5m. Job: http_checks',
            severity: 'critical',
            labels: {
              alertname: 'ProbeFailure',
              instance: 'https://server.example.org',
              job: 'http_checks',
              monitor: 'master',
              severity: 'critical',
            },
            startsAt: new Date('2023-02-06T13:08:45.828Z'),
            endsAt: null,
            links: { generator: 'http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1' },
          },
        ],
      },
    });
  });

  it('gives a resolved alert its end time, and a group fires while any alert in it does', () => {
    const resolved = alertOf({ status: 'resolved', endsAt: '2023-02-06T13:20:00.123456789+01:00', fingerprint: 'aaa' });
    const firing = alertOf({ fingerprint: 'bbb', endsAt: '2023-02-06T13:30:00Z' });

    const mixed = notificationOf(parse(withAlerts(resolved, firing)));
    expect(mixed.status).toBe('firing');
    expect(mixed.alerts.map((a) => [a.status, a.endsAt])).toEqual([
      ['resolved', new Date('2023-02-06T12:20:00.123Z')],
      // A firing alert's endsAt is Alertmanager's timeout, not an end.
      ['firing', null],
    ]);

    const allResolved = notificationOf(parse({ ...withAlerts(resolved), status: 'resolved' }));
    expect(allResolved.status).toBe('resolved');
  });

  it('ends a resolved alert that carries no end time when it was received', () => {
    const alert = notificationOf(parse(withAlerts(alertOf({ status: 'resolved' })))).alerts[0];
    expect(alert?.endsAt).toEqual(receivedAt);
  });

  it('titles a group by its shared summary, else by its alerts’ names', () => {
    const cpu = (fingerprint: string, summary: string) =>
      alertOf({ fingerprint, labels: { alertname: 'HighCPU' }, annotations: { summary } });
    expect(notificationOf(parse(withAlerts(cpu('1', 'CPU is hot'), cpu('2', 'CPU is hot')))).title).toBe('CPU is hot');
    expect(notificationOf(parse(withAlerts(cpu('1', 'on a'), cpu('2', 'on b'), cpu('3', 'on c')))).title).toBe('HighCPU (3 alerts)');
    const disk = alertOf({ fingerprint: '4', labels: { alertname: 'DiskFull' }, annotations: {} });
    const memory = alertOf({ fingerprint: '5', labels: { alertname: 'LowMemory' }, annotations: {} });
    expect(notificationOf(parse(withAlerts(cpu('1', 'on a'), disk, memory))).title).toBe('HighCPU and 2 more');
  });

  it('keeps the title to one line of at most 150 characters, and the count whole when cutting', () => {
    const long = alertOf({ annotations: { summary: `Disk\nfull ${'x'.repeat(300)}` } });
    const title = notificationOf(parse(withAlerts(long))).title;
    expect(title).toHaveLength(ALERT_LIMITS.title);
    expect(title.startsWith('Disk full xxx')).toBe(true);
    expect(title.endsWith('…')).toBe(true);

    const named = (n: number) => alertOf({ fingerprint: String(n), labels: { alertname: `${'N'.repeat(190)}${n}` }, annotations: {} });
    const counted = notificationOf(parse(withAlerts(named(1), named(2)))).title;
    expect(counted).toHaveLength(ALERT_LIMITS.title);
    expect(counted.endsWith('… and 1 more')).toBe(true);
  });

  it('accepts `message` as the summary and `runbook` / `dashboard` as link annotations', () => {
    const alert = notificationOf(
      parse(
        withAlerts(
          alertOf({
            annotations: { message: 'Pods are crash looping', runbook: 'https://runbooks.example.com/crashloop', dashboard: 'https://grafana.example.com/d/pods' },
          }),
        ),
      ),
    ).alerts[0];
    expect(alert?.summary).toBe('Pods are crash looping');
    expect(alert?.links).toEqual({
      generator: 'http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1',
      runbook: 'https://runbooks.example.com/crashloop',
      dashboard: 'https://grafana.example.com/d/pods',
    });
  });

  it('refuses a version other than "4"', () => {
    expect(invalidInput(() => parse({ ...sample(), version: '3' }))).toBe('version: expected "4", got "3"');
    expect(invalidInput(() => parse({ ...sample(), version: 4 }))).toBe('version: expected "4", got 4');
    const { version: _, ...unversioned } = sample();
    expect(invalidInput(() => parse(unversioned))).toBe('version: required');
  });

  it('refuses a payload without a group key, or with an empty one', () => {
    const { groupKey: _, ...keyless } = sample();
    expect(invalidInput(() => parse(keyless))).toBe('groupKey: required');
    expect(invalidInput(() => parse({ ...sample(), groupKey: '' }))).toBe('groupKey: must not be empty');
  });

  it('refuses what is not a webhook body at all', () => {
    expect(invalidInput(() => parse(null))).toBe('body: expected an object, got null');
    expect(invalidInput(() => parse(withAlerts()))).toBe('alerts: expected at least 1');
    expect(invalidInput(() => parse({ ...sample(), alerts: 'many' }))).toBe('alerts: expected an array, got a string');
    expect(invalidInput(() => parse(withAlerts(alertOf({ status: 'pending' }))))).toBe(
      'alerts[0].status: expected "firing" or "resolved", got "pending"',
    );
  });

  it('refuses times that are not RFC 3339 instants, naming the alert and the field', () => {
    expect(invalidInput(() => parse(withAlerts(alertOf(), alertOf({ startsAt: 'yesterday' }))))).toBe(
      'alerts[1].startsAt: expected an RFC 3339 time, got "yesterday"',
    );
    expect(invalidInput(() => parse(withAlerts(alertOf({ startsAt: '2023-02-30T10:00:00Z' }))))).toBe(
      'alerts[0].startsAt: expected an RFC 3339 time, got "2023-02-30T10:00:00Z"',
    );
    expect(invalidInput(() => parse(withAlerts(alertOf({ status: 'resolved', endsAt: '2023-02-06 13:20' }))))).toBe(
      'alerts[0].endsAt: expected an RFC 3339 time, got "2023-02-06 13:20"',
    );
    const { startsAt: _, ...unstarted } = alertOf();
    expect(invalidInput(() => parse(withAlerts(unstarted)))).toBe('alerts[0].startsAt: required');
  });

  it('drops links that are not http(s) URLs', () => {
    const alert = notificationOf(
      parse(
        withAlerts(
          alertOf({
            generatorURL: 'ftp://prometheus.example.org/graph',
            annotations: { runbook_url: 'javascript:alert(document.cookie)', dashboard_url: '/d/relative' },
          }),
        ),
      ),
    ).alerts[0];
    expect(alert?.links).toEqual({});
  });

  it('bounds huge text instead of refusing it, and strips control characters', () => {
    const alert = notificationOf(
      parse(
        withAlerts(
          alertOf({
            labels: { alertname: 'A'.repeat(5000), severity: 'CRITICAL\u0000' },
            annotations: { summary: 's'.repeat(5000), description: `line one\r\nline\ttwo\u001b[31m${'d'.repeat(10_000)}` },
          }),
        ),
      ),
    ).alerts[0]!;
    expect(alert.name).toHaveLength(ALERT_LIMITS.name);
    expect(alert.summary).toHaveLength(ALERT_LIMITS.summary);
    expect(alert.description).toHaveLength(ALERT_LIMITS.description);
    expect(alert.description?.startsWith('line one\nline\ttwo[31mddd')).toBe(true);
    expect(alert.description?.endsWith('d…')).toBe(true);
    expect(alert.severity).toBe('critical');
    expect(alert.labels['alertname']).toHaveLength(ALERT_LIMITS.labelValue);
  });

  it('keeps at most 50 labels, the first ones, and drops values that are not strings', () => {
    const labels = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`label_${String(i).padStart(2, '0')}`, `value ${i}`]));
    const alert = notificationOf(parse(withAlerts(alertOf({ labels: { alertname: 'Many', odd: 42, ...labels } })))).alerts[0]!;
    expect(Object.keys(alert.labels)).toHaveLength(ALERT_LIMITS.labels);
    expect(alert.labels['alertname']).toBe('Many');
    expect(alert.labels).not.toHaveProperty('odd');
    expect(alert.labels['label_48']).toBe('value 48');
    expect(alert.labels).not.toHaveProperty('label_49');
  });

  it('keeps the first 1000 alerts of a larger group', () => {
    const alerts = Array.from({ length: ALERT_LIMITS.alertsPerNotification + 5 }, (_, i) => alertOf({ fingerprint: `f${i}` }));
    const parsed = notificationOf(parse(withAlerts(...alerts)));
    expect(parsed.alerts).toHaveLength(ALERT_LIMITS.alertsPerNotification);
    expect(parsed.alerts.at(-1)?.fingerprint).toBe('f999');
  });

  it('ignores fields it does not know', () => {
    const body = { ...withAlerts(alertOf({ somethingNew: { nested: true }, values: [1, 2] })), receiverVersion: 7, extra: 'x' };
    expect(parse(body)).toEqual(parse(sample()));
  });

  it('reads a mistyped optional field as absent rather than losing the alert', () => {
    const alert = notificationOf(parse(withAlerts(alertOf({ annotations: 'none', generatorURL: 12, fingerprint: null })))).alerts[0]!;
    expect(alert.summary).toBeNull();
    expect(alert.links).toEqual({});
    // Without Alertmanager's fingerprint (before 0.19) the labels stand in, whatever their order.
    expect(alert.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const reordered = { severity: 'critical', monitor: 'master', job: 'http_checks', instance: 'https://server.example.org', alertname: 'ProbeFailure' };
    const again = notificationOf(parse(withAlerts(alertOf({ labels: reordered, fingerprint: undefined })))).alerts[0]!;
    expect(again.fingerprint).toBe(alert.fingerprint);
  });

  it('names an alert without an alertname, and starts one with Go’s zero start when it arrived', () => {
    const alert = notificationOf(parse(withAlerts(alertOf({ labels: { job: 'x' }, startsAt: '0001-01-01T00:00:00Z' })))).alerts[0]!;
    expect(alert.name).toBe('(unnamed alert)');
    expect(alert.startsAt).toEqual(receivedAt);
  });

  it('bounds an over-long group key without merging two that share a prefix', () => {
    const a = notificationOf(parse({ ...sample(), groupKey: `${'k'.repeat(2000)}a` })).groupKey;
    const b = notificationOf(parse({ ...sample(), groupKey: `${'k'.repeat(2000)}b` })).groupKey;
    expect(a).toHaveLength(ALERT_LIMITS.groupKey);
    expect(b).toHaveLength(ALERT_LIMITS.groupKey);
    expect(a).not.toBe(b);
  });
});
