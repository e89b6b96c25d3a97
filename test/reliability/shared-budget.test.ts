import { randomUUID } from 'node:crypto';
import { createDb } from '../../src/db/create-db';
import { migrateToLatest } from '../../src/db/migrate';
import { FakeSlack } from '../../tools/fake-slack';
import { grantedBotScopes } from '../../tools/fake-slack/manifest';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { BOT_PROCESS, type BotProcess, spawnBot } from '../../tools/harness/spawn-bot';
import { BOT_TOKEN, SIGNING_SECRET } from '../../tools/harness/test-bot';
import { TEST_DIALECT, type TestDatabase, newTestDatabase } from '../../tools/harness/test-database';
import { seedIncident } from '../../tools/harness/test-db';
import { waitFor } from '../../tools/harness/wait-for';

const PINS_EACH = 8;

/**
 * Slack's limits are per workspace, whichever process calls: two replicas each keep to half of
 * every budget, so together they stay within Slack's limits and neither waits on the other.
 */
describe(`two replicas sharing one workspace's rate limits (${TEST_DIALECT === 'postgres' ? 'PostgreSQL' : 'SQLite'})`, () => {
  let slack: FakeSlack;
  let database: TestDatabase;
  let replicas: BotProcess[] = [];

  afterEach(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    replicas = [];
    await slack?.stop();
    await database?.remove();
  });

  it('capture what each was sent, within Slack’s limits together, neither starving', async () => {
    slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN, rateLimits: 'slack' });
    database = await newTestDatabase();
    const people = Array.from({ length: 8 }, (_, i) => slack.addUser({ name: `person${i}` }).id);
    const channel = slack.addChannel({ name: 'inc-20261202-shared', members: [slack.bot.userId, ...people] }).id;
    const seed = createDb(database.config);
    await migrateToLatest(seed.db);
    const incidentId = await seedIncident(seed, { id: randomUUID(), channelId: channel });
    await seed.close();

    // Slack's own budgets in both processes; they beat every 200 ms to learn of each other quickly.
    const options = { script: BOT_PROCESS, env: { SLACK_RATE_LIMIT_SCALE: '1', REPLICA_BEAT_EVERY_MS: '200' } };
    replicas = [await spawnBot(slack, database, options)];
    const secondStarted = new Date().toISOString();
    replicas.push(await spawnBot(slack, database, options));
    const check = createDb(database.config);
    try {
      // Both have said they are alive since the second started: each now keeps to half.
      await waitFor(async () => {
        const rows = await check.db.selectFrom('slack_replicas').select('seen_at').where('seen_at', '>=', secondStarted).execute();
        return rows.length === 2;
      }, { timeoutMs: 10_000 });

      const drivers = replicas.map((r) => new SlackDriver({ appUrl: `http://127.0.0.1:${r.port}`, signingSecret: SIGNING_SECRET, slack }));
      const sent = drivers.map((_, d) =>
        Array.from({ length: PINS_EACH }, (_, i) => slack.post(people[(i + d) % people.length] as string, channel, `Replica ${d} finding ${i}`).ts),
      );
      const started = Date.now();
      await Promise.all(sent.flatMap((messages, d) => messages.map((ts, i) => drivers[d]!.reactionAdded(people[i % people.length] as string, channel, ts, 'pushpin'))));

      // Each replica acknowledges what it was sent; when did its last acknowledgement come?
      const acknowledged = (ts: string) => slack.reactionsOn(channel, ts).some((r) => r.name === 'memo');
      const finishedAt = await Promise.all(
        sent.map(async (messages) => {
          await waitFor(() => messages.every(acknowledged), { timeoutMs: 60_000, intervalMs: 100 });
          return Date.now() - started;
        }),
      );
      const entries = await check.db.selectFrom('timeline_entries').select('source_ts').where('incident_id', '=', incidentId).execute();
      expect(new Set(entries.map((e) => e.source_ts)).size).toBe(PINS_EACH * 2);
      expect(entries).toHaveLength(PINS_EACH * 2);
      console.log(`shared budget: ${PINS_EACH} pins on each replica acknowledged after ${finishedAt.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(' and ')}; ${slack.rateLimitedCalls().length} of ${slack.calls.length} calls answered 429`);
      // Together within Slack's limits: at full budget each, the two would have been refused.
      expect(slack.rateLimitedCalls()).toEqual([]);
      // Neither waited on the other: each got through its own at about the same pace.
      const [a, b] = finishedAt as [number, number];
      expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(2);
    } finally {
      await check.close();
    }
  }, 90_000);
});
