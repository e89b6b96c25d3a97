import { parseAlertPayload } from '../../../src/alerts/sources';
import { invalidInput } from './invalid-input';

const receivedAt = new Date('2021-10-12T08:00:00Z');

/**
 * The example body in Grafana's docs, "Configure the webhook notifier for Alerting"
 * (grafana/grafana docs/sources/alerting/configure-notifications/manage-contact-points/
 * integrations/webhook-notifier.md).
 */
const SAMPLE = `{
  "receiver": "My Super Webhook",
  "status": "firing",
  "orgId": 1,
  "alerts": [
    {
      "status": "firing",
      "labels": { "alertname": "High memory usage", "team": "blue", "zone": "us-1" },
      "annotations": {
        "description": "The system has high memory usage",
        "runbook_url": "https://myrunbook.com/runbook/1234",
        "summary": "This alert was triggered for zone us-1"
      },
      "startsAt": "2021-10-12T09:51:03.157076+02:00",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "https://play.grafana.org/alerting/1afz29v7z/edit",
      "fingerprint": "c6eadffa33fcdf37",
      "silenceURL": "https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT2%2Cteam%3Dblue%2Czone%3Dus-1",
      "dashboardURL": "",
      "panelURL": "",
      "values": { "B": 44.23943737541908, "C": 1 }
    },
    {
      "status": "firing",
      "labels": { "alertname": "High CPU usage", "team": "blue", "zone": "eu-1" },
      "annotations": {
        "description": "The system has high CPU usage",
        "runbook_url": "https://myrunbook.com/runbook/1234",
        "summary": "This alert was triggered for zone eu-1"
      },
      "startsAt": "2021-10-12T09:56:03.157076+02:00",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "https://play.grafana.org/alerting/d1rdpdv7k/edit",
      "fingerprint": "bc97ff14869b13e3",
      "silenceURL": "https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT1%2Cteam%3Dblue%2Czone%3Deu-1",
      "dashboardURL": "",
      "panelURL": "",
      "values": { "B": 44.23943737541908, "C": 1 }
    }
  ],
  "groupLabels": {},
  "commonLabels": { "team": "blue" },
  "commonAnnotations": {},
  "externalURL": "https://play.grafana.org/",
  "version": "1",
  "groupKey": "{}:{}",
  "truncatedAlerts": 0,
  "title": "[FIRING:2]  (blue)",
  "state": "alerting",
  "message": "**Firing**\\n\\nLabels:\\n - alertname = T2\\n - team = blue\\n - zone = us-1\\n"
}`;

type Payload = { [key: string]: any };

function sample(): Payload {
  return JSON.parse(SAMPLE) as Payload;
}

function parse(body: unknown) {
  return parseAlertPayload('grafana', body, receivedAt);
}

describe('Grafana webhook contact point payloads', () => {
  it('reads the documented sample: two firing alerts in one group', () => {
    expect(parse(sample())).toEqual({
      kind: 'notification',
      notification: {
        source: 'grafana',
        groupKey: '{}:{}',
        status: 'firing',
        title: 'High memory usage and 1 more',
        alerts: [
          {
            fingerprint: 'c6eadffa33fcdf37',
            status: 'firing',
            name: 'High memory usage',
            summary: 'This alert was triggered for zone us-1',
            description: 'The system has high memory usage',
            severity: null,
            labels: { alertname: 'High memory usage', team: 'blue', zone: 'us-1' },
            startsAt: new Date('2021-10-12T07:51:03.157Z'),
            endsAt: null,
            links: { generator: 'https://play.grafana.org/alerting/1afz29v7z/edit', runbook: 'https://myrunbook.com/runbook/1234' },
          },
          {
            fingerprint: 'bc97ff14869b13e3',
            status: 'firing',
            name: 'High CPU usage',
            summary: 'This alert was triggered for zone eu-1',
            description: 'The system has high CPU usage',
            severity: null,
            labels: { alertname: 'High CPU usage', team: 'blue', zone: 'eu-1' },
            startsAt: new Date('2021-10-12T07:56:03.157Z'),
            endsAt: null,
            links: { generator: 'https://play.grafana.org/alerting/d1rdpdv7k/edit', runbook: 'https://myrunbook.com/runbook/1234' },
          },
        ],
      },
    });
  });

  it('links the dashboard, else the panel, when Grafana gives one', () => {
    const body = sample();
    body['alerts'][0].dashboardURL = 'https://play.grafana.org/d/abc';
    body['alerts'][0].panelURL = 'https://play.grafana.org/d/abc?viewPanel=2';
    body['alerts'][1].panelURL = 'https://play.grafana.org/d/def?viewPanel=4';
    const result = parse(body);
    if (result.kind !== 'notification') throw new Error('expected a notification');
    expect(result.notification.alerts.map((a) => a.links.dashboard)).toEqual([
      'https://play.grafana.org/d/abc',
      'https://play.grafana.org/d/def?viewPanel=4',
    ]);
  });

  it('reads a resolved alert’s end time', () => {
    const body = sample();
    body['alerts'] = [{ ...body['alerts'][0], status: 'resolved', endsAt: '2021-10-12T10:01:03.157076+02:00' }];
    const result = parse(body);
    if (result.kind !== 'notification') throw new Error('expected a notification');
    expect(result.notification.status).toBe('resolved');
    expect(result.notification.title).toBe('This alert was triggered for zone us-1');
    expect(result.notification.alerts[0]?.endsAt).toEqual(new Date('2021-10-12T08:01:03.157Z'));
  });

  it('refuses a payload without a group key, and bad times', () => {
    const { groupKey: _, ...keyless } = sample();
    expect(invalidInput(() => parse(keyless))).toBe('groupKey: required');
    const body = sample();
    body['alerts'][1].startsAt = 1634025363;
    expect(invalidInput(() => parse(body))).toBe('alerts[1].startsAt: expected a string, got a number');
  });

  it('drops a javascript: dashboard link', () => {
    const body = sample();
    body['alerts'][0].dashboardURL = 'javascript:alert(1)';
    const result = parse(body);
    if (result.kind !== 'notification') throw new Error('expected a notification');
    expect(result.notification.alerts[0]?.links).not.toHaveProperty('dashboard');
  });
});
