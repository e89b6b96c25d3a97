import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ALERTMANAGER_ABSENT,
  alertmanagerBinary,
  type RunningAlertmanager,
  startAlertmanager,
} from '../../tools/harness/alertmanager';

/**
 * The harness on its own, without the bot: a real Alertmanager posts its real webhook (version 4)
 * to a plain HTTP server standing in for the bot.
 */

interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver that hands each request, in order, to whoever awaits next(). */
class Receiver {
  private readonly server: Server;
  private readonly queued: ReceivedRequest[] = [];
  private readonly waiting: Array<(request: ReceivedRequest) => void> = [];
  readonly all: ReceivedRequest[] = [];

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.all.push(request);
        res.writeHead(200).end('ok');
        const waiter = this.waiting.shift();
        if (waiter) waiter(request);
        else this.queued.push(request);
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next request not yet handed out; resolves the moment the handler has it. */
  next(): Promise<ReceivedRequest> {
    const queued = this.queued.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** `promise`, or a failure after `ms` that says what was awaited and what Alertmanager printed. */
async function within<T>(promise: Promise<T>, ms: number, what: string, am: RunningAlertmanager): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; Alertmanager printed:\n${am.logs()}`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const TOKEN = 'am-harness-token';
const binary = alertmanagerBinary();
const describeWithAlertmanager = binary ? describe : describe.skip;
// Jest names no test of a wholly skipped file, so say why here too.
if (!binary) console.warn(`test/alerts/alertmanager-harness.test.ts skipped: ${ALERTMANAGER_ABSENT}`);

describeWithAlertmanager(binary ? `the Alertmanager harness (${binary})` : `the Alertmanager harness — skipped: ${ALERTMANAGER_ABSENT}`, () => {
  let receiver: Receiver;
  let am: RunningAlertmanager;

  beforeAll(async () => {
    receiver = new Receiver();
    const base = await receiver.listen();
    am = await startAlertmanager({
      webhookUrl: `${base}/alerts/alertmanager`,
      bearerToken: TOKEN,
      groupWait: '1s',
      groupInterval: '1s',
      groupBy: ['alertname'],
    });
  });

  afterAll(async () => {
    await am?.stop();
    await receiver?.close();
  });

  it('posts a firing notification, then a resolved one, with the bearer token', async () => {
    const labels = { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' };
    const annotations = { summary: 'Error rate above 5%', runbook_url: 'https://runbooks.example.com/high-error-rate' };
    // Within group_wait of now, so this also shows the group waiting before its first notification.
    const startsAt = new Date();
    const generatorURL = 'http://prometheus.example.com/graph?g0.expr=up';

    const firingArrives = receiver.next();
    await am.postAlerts([{ labels, annotations, startsAt, generatorURL }]);
    const firing = await within(firingArrives, 5000, 'firing webhook', am);

    expect(firing.method).toBe('POST');
    expect(firing.url).toBe('/alerts/alertmanager');
    expect(firing.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(firing.headers['content-type']).toMatch(/^application\/json/);
    const fired = JSON.parse(firing.body);
    expect(fired).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'bot',
      groupKey: '{}:{alertname="HighErrorRate"}',
      groupLabels: { alertname: 'HighErrorRate' },
      commonLabels: labels,
      externalURL: am.url,
      truncatedAlerts: 0,
    });
    expect(fired.alerts).toHaveLength(1);
    const alert = fired.alerts[0];
    expect(alert).toMatchObject({ status: 'firing', labels, annotations, generatorURL });
    expect(new Date(alert.startsAt).getTime()).toBe(startsAt.getTime());
    // Alertmanager's "no end yet": Go's zero time.
    expect(alert.endsAt).toBe('0001-01-01T00:00:00Z');
    expect(alert.fingerprint).toMatch(/^[0-9a-f]{16}$/);

    const endsAt = new Date(Date.now() - 1000);
    const resolvedArrives = receiver.next();
    await am.postAlerts([{ labels, annotations, startsAt, endsAt, generatorURL }]);
    const resolution = await within(resolvedArrives, 5000, 'resolved webhook', am);

    expect(resolution.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const resolved = JSON.parse(resolution.body);
    expect(resolved).toMatchObject({ version: '4', status: 'resolved', groupKey: fired.groupKey });
    expect(resolved.alerts).toHaveLength(1);
    expect(resolved.alerts[0]).toMatchObject({ status: 'resolved', labels, fingerprint: alert.fingerprint });
    expect(new Date(resolved.alerts[0].endsAt).getTime()).toBe(endsAt.getTime());
    // Nothing in between: group_interval ticks of an unchanged group send no repeat.
    expect(receiver.all).toHaveLength(2);
  });
});
