import { createHash, createHmac } from 'node:crypto';
import type { TestBot } from './test-bot';
import { waitFor } from './wait-for';

/** The token tests configure as ALERT_WEBHOOK_TOKEN. */
export const ALERT_TOKEN = 'test-alert-token-0123456789abcdef';
/** The secret tests configure as PAGERDUTY_WEBHOOK_SECRET. */
export const PAGERDUTY_SECRET = 'pd-secret-0123456789';

export const ALERTS_ENV = { ALERT_WEBHOOK_TOKEN: ALERT_TOKEN, PAGERDUTY_WEBHOOK_SECRET: PAGERDUTY_SECRET, INCIDENTS_CHANNEL: 'C0INCIDENTS' };

export interface AlertResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Posts a notification to the bot's alert endpoint as the source would: JSON with the bearer
 * token, or, for PagerDuty, signed with the secret.
 */
export async function postAlert(
  t: TestBot,
  source: string,
  payload: unknown,
  options: { token?: string | null; raw?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<AlertResponse> {
  const body = options.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const token = options.token === undefined ? ALERT_TOKEN : options.token;
  if (source === 'pagerduty') {
    headers['x-pagerduty-signature'] ??= `v1=${createHmac('sha256', PAGERDUTY_SECRET).update(body).digest('hex')}`;
  } else if (token !== null) {
    headers.authorization ??= `Bearer ${token}`;
  }
  const response = await fetch(`http://127.0.0.1:${t.bot.port}/alerts/${source}`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * Resolves once every notification stored so far has been handled (or has failed and waits for
 * its retry) and the background handling is idle: the offer, the storm list and the incident
 * are then as they will stay until something else happens.
 */
export async function alertsFinished(t: TestBot): Promise<void> {
  await waitFor(
    async () => {
      await t.bot.alerts.drained();
      const waiting = await t.bot.database.db
        .selectFrom('alert_notifications')
        .select('id')
        .where('handled_at', 'is', null)
        .where('retry_at', 'is', null)
        .execute();
      if (waiting.length > 0) throw new Error(`alert notifications still waiting: ${waiting.length}`);
      await t.bot.alerts.drained();
      return true;
    },
    { timeoutMs: 10_000 },
  );
}

/** An Alertmanager webhook (version 4) for one group, as Alertmanager sends it. */
export function alertmanagerPayload(options: {
  groupKey?: string;
  status?: 'firing' | 'resolved';
  alerts: Array<{
    name: string;
    status?: 'firing' | 'resolved';
    labels?: Record<string, string>;
    summary?: string;
    description?: string;
    runbook?: string;
    startsAt: Date;
    endsAt?: Date;
    fingerprint?: string;
  }>;
}): Record<string, unknown> {
  const alerts = options.alerts.map((a) => ({
    status: a.status ?? 'firing',
    labels: { alertname: a.name, ...a.labels },
    annotations: {
      ...(a.summary ? { summary: a.summary } : {}),
      ...(a.description ? { description: a.description } : {}),
      ...(a.runbook ? { runbook_url: a.runbook } : {}),
    },
    startsAt: a.startsAt.toISOString(),
    endsAt: (a.endsAt ?? new Date('0001-01-01T00:00:00Z')).toISOString().replace('.000Z', 'Z'),
    generatorURL: `http://prometheus.example:9090/graph?g0.expr=${encodeURIComponent(a.name)}`,
    fingerprint: a.fingerprint ?? createHash('sha256').update(a.name).digest('hex').slice(0, 16),
  }));
  const firing = alerts.some((a) => a.status === 'firing');
  return {
    receiver: 'incident-bot',
    status: options.status ?? (firing ? 'firing' : 'resolved'),
    alerts,
    groupLabels: { alertname: options.alerts[0]?.name ?? '' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    version: '4',
    groupKey: options.groupKey ?? `{}:{alertname="${options.alerts[0]?.name ?? ''}"}`,
    truncatedAlerts: 0,
  };
}
