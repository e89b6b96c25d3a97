import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DbHandle, createDb } from '../../src/db/create-db';
import { FakeSlack } from '../../tools/fake-slack';
import { grantedBotScopes } from '../../tools/fake-slack/manifest';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { FakeGitHub } from '../../tools/fake-trackers/github';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { BOT_PROCESS, type BotProcess, spawnBot } from '../../tools/harness/spawn-bot';
import { BOT_TOKEN, RATE_LIMIT_SCALE, SIGNING_SECRET, type TestBot } from '../../tools/harness/test-bot';
import { TEST_DIALECT, type TestDatabase, newTestDatabase } from '../../tools/harness/test-database';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';
import { dayFromNow } from '../../tools/harness/tracker-steps';

/**
 * Action items' issues with more than one process of the bot (the built bot, as `npm start` runs
 * it, see tools/harness/bot-process.js): two replicas sharing one database, one fake Slack and one
 * fake GitHub; and a process killed with SIGKILL after GitHub filed an issue and before the bot
 * heard so.
 */

const TOKEN = 'ghp_trackerTestToken000000000000000004';
const SECRET = 'github-webhook-secret-0123456789';
const REPO = 'acme/incidents';
/** A restarted process's clock runs this far ahead: every lease the killed one held has run out. */
const DOWNTIME_MS = 10 * 60_000;
const ITEMS = ['Alert on checkout 5xx', 'Canary for config pushes', 'Validate the retry flag', 'Runbook for rollbacks', 'Dashboards for payments'];


const trackerEnv = (apiUrl: string) => ({
  TRACKER: 'github',
  GITHUB_TOKEN: TOKEN,
  GITHUB_REPO: REPO,
  GITHUB_API_URL: apiUrl,
  GITHUB_WEBHOOK_SECRET: SECRET,
  LOG_LEVEL: 'fatal',
  JOBS_EVERY_MS: '50',
});

/** What the harness's steps need of a bot, for a bot that runs as a process of its own. */
function stepsFor(slack: FakeSlack, replica: BotProcess, database: DbHandle): TestBot {
  return { slack, driver: new SlackDriver({ appUrl: replica.url, signingSecret: SIGNING_SECRET, slack }), bot: { database } } as unknown as TestBot;
}

/**
 * Declares through `t`, adds one item per description owned by `owner`, resolves and publishes.
 * Returns the incident channel and the items' ids by description.
 */
async function publishWithItems(t: TestBot, user: string, from: string, owner: string, descriptions: string[]) {
  const declared = await declareThroughSlack(t, user, from, { title: 'Checkout errors', severity: 'SEV2' });
  const channel = declared.channel.id;
  const ids: Record<string, string> = {};
  for (const description of descriptions) {
    const modal = await commandOpeningModal(t, user, channel, 'action add');
    await t.driver.submitView({ user, viewId: modal.id, fields: { ai_description: description, ai_owner: owner, ai_due: dayFromNow(30), ai_type: 'detect' } });
    ids[description] = (await waitFor(() => t.bot.database.db.selectFrom('action_items').select('id').where('description', '=', description).executeTakeFirst())).id;
  }
  await t.driver.command({ user, channel, text: 'resolve Rolled back the config push' });
  await waitFor(() => t.bot.database.db.selectFrom('incidents').select('id').where('id', '=', declared.row.id).where('status', '=', 'resolved').executeTakeFirst());
  await publishThroughSlack(t, user, channel);
  return { channel, ids };
}

/** The items' rows once every one has its issue and is in step, nobody syncing it. */
function allInStep(db: DbHandle, ids: string[]) {
  return waitFor(
    async () => {
      const rows = await db.db.selectFrom('tracker_issues').selectAll().where('item_id', 'in', ids).execute();
      const done = rows.filter((r) => r.issue_key && r.synced_version >= r.wanted_version && r.lease_until === null);
      return done.length === ids.length ? rows : undefined;
    },
    { timeoutMs: 15_000 },
  );
}

/**
 * Stands between the bot and the fake GitHub and forwards every call, except that it keeps the
 * answer to the first issue create: GitHub has filed the issue, the bot never hears so. The test
 * kills the bot while it waits.
 */
class HeldCreate {
  private server: Server | undefined;
  private resolveHeld!: () => void;
  /** Resolves once GitHub has answered the create and the answer is being held. */
  readonly held = new Promise<void>((resolve) => (this.resolveHeld = resolve));
  private holding = false;

  constructor(private readonly github: FakeGitHub) {}

  /** The API URL to give the bot in place of GitHub's. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.forward(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const apiPath = new URL(this.github.url).pathname;
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${apiPath}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
    const answer = await fetch(`${new URL(this.github.url).origin}${req.url}`, {
      method: req.method,
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = Buffer.from(await answer.arrayBuffer());
    if (req.method === 'POST' && /\/repos\/[^/]+\/[^/]+\/issues$/.test(req.url ?? '') && !this.holding) {
      this.holding = true;
      this.resolveHeld();
      return; // never answered
    }
    const kept: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) kept[name] = value;
    });
    res.writeHead(answer.status, kept).end(body);
  }
}

describe(`action items' issues with several processes (${TEST_DIALECT === 'postgres' ? 'PostgreSQL' : 'SQLite'})`, () => {
  let slack: FakeSlack;
  let github: FakeGitHub;
  let database: TestDatabase;
  let check: DbHandle;
  let processes: BotProcess[] = [];
  let gate: HeldCreate | undefined;

  beforeEach(async () => {
    slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN, rateLimits: { scale: RATE_LIMIT_SCALE } });
    github = await FakeGitHub.start({
      users: [{ login: 'alice-gh', email: 'alice@example.com' }, { login: 'incident-bot' }],
      repositories: [{ fullName: REPO, collaborators: ['alice-gh', 'incident-bot'] }],
      tokens: [{ token: TOKEN, login: 'incident-bot', repositories: [REPO] }],
    });
    database = await newTestDatabase();
  });
  afterEach(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    processes = [];
    await check?.close();
    await gate?.stop();
    gate = undefined;
    await github?.stop();
    await slack?.stop();
    await database?.remove();
  });

  it('two replicas file exactly one issue per item, and a webhook sent to both closes each item once', async () => {
    // The first migrates the database; the second starts on it.
    processes.push(await spawnBot(slack, database, { script: BOT_PROCESS, env: trackerEnv(github.url) }));
    processes.push(await spawnBot(slack, database, { script: BOT_PROCESS, env: trackerEnv(github.url) }));
    check = createDb(database.config);
    for (const replica of processes) github.subscribe(`${replica.url}/trackers/github`, SECRET);
    const alice = slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    const ops = slack.addChannel({ name: 'ops', members: [alice] }).id;

    // Published through one replica: it files at once, while the other's sync job (every 50 ms) looks for the same rows.
    const { channel, ids } = await publishWithItems(stepsFor(slack, processes[0]!, check), alice, ops, alice, ITEMS);
    const rows = await allInStep(check, Object.values(ids));
    await Promise.all(processes.map((p) => p.jobRan('tracker-sync')));
    const issues = github.issues(REPO);
    expect(issues.map((i) => i.title).sort()).toEqual([...ITEMS].sort());
    expect(github.callsTo('issues/create')).toHaveLength(ITEMS.length);
    for (const [description, id] of Object.entries(ids)) {
      const issue = issues.find((i) => i.title === description)!;
      expect(issue.body).toContain(`<!-- incident-bot:action-item:${id} -->`);
      expect(rows.find((r) => r.item_id === id)!.issue_key).toBe(String(issue.number));
    }

    // Someone closes every issue on GitHub; each change reaches both replicas at the same time.
    const delivered = github.deliveries.length;
    for (const issue of issues) github.closeAsUser(REPO, issue.number, 'alice-gh', 'completed');
    const closes = (await github.webhooksDelivered()).slice(delivered).filter((d) => d.action === 'closed');
    expect(closes).toHaveLength(ITEMS.length * 2);
    expect(closes.every((d) => d.status === 200)).toBe(true);
    for (const issue of issues) {
      const outcomes = closes.filter((d) => (d.payload.issue as { number: number }).number === issue.number).map((d) => JSON.parse(d.responseBody!).outcomes[0]);
      expect(outcomes.sort()).toEqual(['closed', 'unchanged']);
    }
    const items = await check.db.selectFrom('action_items').select(['description', 'status']).where('id', 'in', Object.values(ids)).execute();
    expect(items.every((i) => i.status === 'done')).toBe(true);
    for (const description of ITEMS) {
      const lines = slack.botMessages(channel).filter((m) => m.text.includes('closed in GitHub by @alice-gh') && m.text.includes(description));
      expect(lines).toHaveLength(1);
    }
    const states = await check.db.selectFrom('tracker_issues').select('issue_state').where('item_id', 'in', Object.values(ids)).execute();
    expect(states.map((s) => s.issue_state)).toEqual(ITEMS.map(() => 'done'));
    expect(github.issues(REPO).every((i) => i.comments.length === 0)).toBe(true);
    expect(github.problems).toEqual([]);
  });

  it('a process killed after GitHub filed the issue, before it heard so, leaves one issue that the item shows after a restart', async () => {
    gate = new HeldCreate(github);
    const gated = await gate.start();
    processes.push(await spawnBot(slack, database, { script: BOT_PROCESS, env: trackerEnv(gated) }));
    check = createDb(database.config);
    const alice = slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    const ops = slack.addChannel({ name: 'ops', members: [alice] }).id;

    const { ids } = await publishWithItems(stepsFor(slack, processes[0]!, check), alice, ops, alice, ['Alert on checkout 5xx']);
    const id = ids['Alert on checkout 5xx']!;
    await gate.held;
    processes[0]!.child.kill('SIGKILL');
    await processes[0]!.exited;
    expect(github.issues(REPO)).toHaveLength(1);
    const orphan = await check.db.selectFrom('tracker_issues').selectAll().where('item_id', '=', id).executeTakeFirstOrThrow();
    expect(orphan).toMatchObject({ issue_key: null, synced_version: 0 });
    expect(orphan.lease_until).not.toBeNull();

    // Restarted later (its lease has run out), talking to GitHub directly.
    processes.push(await spawnBot(slack, database, { script: BOT_PROCESS, env: { ...trackerEnv(github.url), CLOCK_OFFSET_MS: String(DOWNTIME_MS) } }));
    const [row] = await allInStep(check, [id]);
    await processes[1]!.jobRan('tracker-sync');
    const issues = github.issues(REPO);
    expect(issues).toHaveLength(1);
    expect(github.callsTo('issues/create')).toHaveLength(1);
    const label = `${REPO}#${issues[0]!.number}`;
    expect(row!.issue_key).toBe(String(issues[0]!.number));
    expect(await check.db.selectFrom('action_items').select(['issue_label', 'issue_url']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
      issue_label: label,
      issue_url: issues[0]!.htmlUrl,
    });
    await waitFor(() => slack.dm(alice).some((m) => visibleText(slack.message(m.channel, m.ts)).includes(label)));
    expect(github.problems).toEqual([]);
  });
});
