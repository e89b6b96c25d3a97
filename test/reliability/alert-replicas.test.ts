import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb, type DbHandle } from '../../src/db/create-db';
import { FakeSlack, type FakeMessage } from '../../tools/fake-slack';
import { grantedBotScopes } from '../../tools/fake-slack/manifest';
import { ALERT_TOKEN, ALERTS_ENV, alertmanagerPayload } from '../../tools/harness/alerts';
import { BOT_PROCESS, type BotProcess, spawnBot } from '../../tools/harness/spawn-bot';
import { BOT_TOKEN, RATE_LIMIT_SCALE } from '../../tools/harness/test-bot';
import { TEST_DIALECT, type TestDatabase, newTestDatabase } from '../../tools/harness/test-database';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

const INCIDENTS = ALERTS_ENV.INCIDENTS_CHANNEL;
/** Notifications of one group, each with one alert more than the one before. */
const NOTIFICATIONS = 100;
/** Requests in flight at once. */
const SENDERS = 6;
/**
 * The survivor's clock runs this far ahead, as if it started that long after the kill: the group
 * lease the killed process held (two minutes) has run out by then.
 */
const DOWNTIME_MS = 10 * 60_000;
/** Jobs (the alert pick-up included) run this often in the replicas. */
const JOBS_EVERY_MS = '100';

const STARTS_AT = new Date(Date.now() - 15 * 60_000);

/** The group's notification number `k`: alerts 0..k, all firing, each with its own start. */
function growing(groupKey: string, k: number): Record<string, unknown> {
  return alertmanagerPayload({
    groupKey,
    alerts: Array.from({ length: k + 1 }, (_, i) => ({
      name: `ApiErrors${String(i).padStart(3, '0')}`,
      labels: { severity: 'critical', service: 'api', shard: String(i) },
      summary: `Shard ${i} error rate above 5%`,
      startsAt: new Date(STARTS_AT.getTime() + i * 1000),
    })),
  });
}

async function postTo(replica: BotProcess, payload: unknown): Promise<number> {
  const response = await fetch(`${replica.url}/alerts/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ALERT_TOKEN}` },
    body: JSON.stringify(payload),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The offers the bot posted for a group: messages it marked as that group's offer. */
function offersOf(slack: FakeSlack, groupId: string): FakeMessage[] {
  return slack
    .botMessages(INCIDENTS)
    .filter((m) => m.metadata?.event_type === 'alert_offer' && (m.metadata?.event_payload as { group_id?: string } | undefined)?.group_id === groupId);
}

const notificationsOf = (db: DbHandle) =>
  db.db.selectFrom('alert_notifications').select(['id', 'handled_at', 'attempts', 'outcome', 'retry_at']).orderBy('received_at').execute();

/**
 * Stands between one replica and the fake Slack and forwards its Web API calls, except the first
 * that `holds` picks: that one is handed to the test, which decides what happens to it (the
 * replica is killed while it waits).
 */
class SlackGate {
  private server: Server | undefined;
  private readonly held: Array<(call: HeldCall) => void> = [];
  readonly heldCall: Promise<HeldCall>;

  constructor(
    private readonly slack: FakeSlack,
    private readonly holds: (method: string, body: string) => boolean,
  ) {
    this.heldCall = new Promise((resolve) => this.held.push(resolve));
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.route(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forward = () => this.forward(req, body);
    const method = decodeURIComponent(req.url?.replace(/^\/api\//, '').split('?')[0] ?? '');
    const take = this.held.length > 0 && this.holds(method, body.toString('utf8')) ? this.held.shift() : undefined;
    if (take) {
      // Never answered: the replica dies waiting.
      take({ forward });
      return;
    }
    const answer = await forward();
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  private async forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)) headers[name] = value;
    }
    const response = await fetch(`${this.slack.baseUrl}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
    const answerHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!['content-length', 'connection', 'transfer-encoding', 'keep-alive', 'content-encoding'].includes(name)) answerHeaders[name] = value;
    });
    return { status: response.status, headers: answerHeaders, body: Buffer.from(await response.arrayBuffer()) };
  }
}

interface HeldCall {
  /** Sends the held call on to Slack, which acts on it; its answer goes nowhere. */
  forward(): Promise<{ status: number }>;
}

describe(`alert notifications on two replicas sharing one ${TEST_DIALECT === 'postgres' ? 'PostgreSQL' : 'SQLite file'}`, () => {
  let slack: FakeSlack;
  let database: TestDatabase;
  let check: DbHandle | undefined;
  let gate: SlackGate | undefined;
  let replicas: BotProcess[] = [];

  beforeEach(async () => {
    slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN, rateLimits: { scale: RATE_LIMIT_SCALE } });
    database = await newTestDatabase();
    slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [slack.bot.userId] });
  });

  afterEach(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    replicas = [];
    await check?.close();
    check = undefined;
    await gate?.stop();
    gate = undefined;
    await slack?.stop();
    await database?.remove();
  });

  const launch = (env: NodeJS.ProcessEnv = {}) =>
    spawnBot(slack, database, { script: BOT_PROCESS, env: { ...ALERTS_ENV, JOBS_EVERY_MS, LOG_LEVEL: 'fatal', ...env } });

  it('post one offer for a group whose growing notifications reach both replicas at once, handling each notification once', async () => {
    replicas = [await launch(), await launch()];
    const groupKey = '{}:{alertname="ApiErrors"}';

    // Notification k goes to replica k % 2, several in flight at once: the two replicas store and
    // handle the same group at the same time, all along.
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let k = next; k < NOTIFICATIONS; k = next) {
          next += 1;
          statuses[k] = await postTo(replicas[k % 2] as BotProcess, growing(groupKey, k));
        }
      }),
    );
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    expect(statuses).toHaveLength(NOTIFICATIONS);

    check = createDb(database.config);
    const db = check;
    await waitFor(async () => (await notificationsOf(db)).every((n) => n.handled_at !== null), { timeoutMs: 30_000, intervalMs: 50 });
    // A pass still going on in either replica could yet post: once each has run the pick-up job
    // after everything was handled, none is.
    await Promise.all(replicas.map((r) => r.jobRan('process-alerts')));

    const notifications = await notificationsOf(db);
    const groups = await db.db.selectFrom('alert_groups').selectAll().execute();
    const group = groups[0]!;
    const alerts = await db.db.selectFrom('alert_group_alerts').select('fingerprint').where('group_id', '=', group.id).execute();
    const offers = offersOf(slack, group.id);
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.ok);
    const twice = notifications.filter((n) => n.attempts !== 1);
    console.log(
      `alerts on two replicas: ${NOTIFICATIONS} notifications of one group, ${notifications.length} stored, ` +
        `${notifications.filter((n) => n.handled_at).length} handled, ${twice.length} handled more than once or failed; ` +
        `${offers.length} offer, ${slack.callsTo('chat.update').length} edits`,
    );
    expect(notifications).toHaveLength(NOTIFICATIONS);
    expect(twice).toEqual([]);
    expect(notifications.filter((n) => n.outcome === null)).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(group.state).toBe('offered');
    expect(group.lease_until).toBeNull();
    expect(alerts).toHaveLength(NOTIFICATIONS);
    expect(offers.map((m) => m.ts)).toHaveLength(1);
    expect(posts).toHaveLength(1);
    expect(group.offer_ts).toBe(offers[0]!.ts);
    // The offer as it stands shows every alert: the first five by name, the rest counted.
    const text = visibleText(slack.message(INCIDENTS, offers[0]!.ts));
    expect(text).toContain(`${NOTIFICATIONS} firing, 0 resolved`);
    expect(text).toContain(`…and ${NOTIFICATIONS - 5} more alerts in this group.`);

    for (const replica of replicas) replica.child.kill('SIGTERM');
    expect(await Promise.all(replicas.map((r) => r.exited))).toEqual([0, 0]);
    replicas = [];
  }, 90_000);

  /**
   * The replica that acknowledged a notification is killed (SIGKILL) while its offer is on its
   * way to Slack; another starts. `delivered` says whether Slack got the post before the kill.
   */
  async function killedWhilePosting(delivered: boolean) {
    gate = new SlackGate(slack, (method) => method === 'chat.postMessage');
    const first = await launch({ SLACK_API_URL: await gate.start() });
    replicas = [first];
    const groupKey = `{}:{alertname="Killed${delivered ? 'AfterPost' : 'BeforePost'}"}`;
    expect(await postTo(first, growing(groupKey, 2))).toBe(202);

    const held = await gate.heldCall;
    if (delivered) expect((await held.forward()).status).toBe(200);
    first.child.kill('SIGKILL');
    await first.exited;
    replicas = [];

    check = createDb(database.config);
    const db = check;
    const [stored] = await notificationsOf(db);
    expect(stored?.handled_at).toBeNull();
    const group = await db.db.selectFrom('alert_groups').selectAll().executeTakeFirstOrThrow();
    expect(offersOf(slack, group.id)).toHaveLength(delivered ? 1 : 0);

    const survivor = await launch({ CLOCK_OFFSET_MS: String(DOWNTIME_MS) });
    replicas = [survivor];
    await waitFor(async () => (await notificationsOf(db)).every((n) => n.handled_at !== null), { timeoutMs: 30_000, intervalMs: 50 });
    await survivor.jobRan('process-alerts');

    const notifications = await notificationsOf(db);
    const after = await db.db.selectFrom('alert_groups').selectAll().executeTakeFirstOrThrow();
    const offers = offersOf(slack, group.id);
    console.log(
      `alerts, kill -9 while the offer was ${delivered ? 'reaching Slack' : 'not yet sent'}: ` +
        `${notifications.length} notification, ${notifications.filter((n) => n.handled_at).length} handled by the survivor; ${offers.length} offer`,
    );
    expect(notifications).toHaveLength(1);
    // Handled once, by the survivor: the killed replica never finished an attempt.
    expect(notifications[0]?.attempts).toBe(1);
    expect(notifications[0]?.outcome).not.toBeNull();
    expect(after.state).toBe('offered');
    expect(offers.map((m) => m.ts)).toHaveLength(1);
    expect(after.offer_ts).toBe(offers[0]!.ts);
    expect(visibleText(offers[0])).toContain('3 firing, 0 resolved');
  }

  it('hand a notification acknowledged by a replica killed before its offer reached Slack to the next replica, which offers it once', async () => {
    await killedWhilePosting(false);
  }, 60_000);

  it('offer once when the replica was killed after Slack posted its offer but before it recorded it', async () => {
    await killedWhilePosting(true);
  }, 60_000);
});
