import { randomUUID } from 'node:crypto';
import { createDb } from '../../src/db/create-db';
import { migrateToLatest } from '../../src/db/migrate';
import { insertIncident } from '../../src/incidents/incidents.repository';
import { FakeSlack } from '../../tools/fake-slack';
import { grantedBotScopes } from '../../tools/fake-slack/manifest';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { BOT_PROCESS, type BotProcess, spawnBot } from '../../tools/harness/spawn-bot';
import { BOT_TOKEN, RATE_LIMIT_SCALE, SIGNING_SECRET } from '../../tools/harness/test-bot';
import { TEST_DIALECT, type TestDatabase, newTestDatabase } from '../../tools/harness/test-database';
import { reminderKeys } from '../../tools/harness/reminder-keys';
import { waitFor } from '../../tools/harness/wait-for';

const ITEMS = 200;
const MESSAGES = 40;

describe(`two replicas on one ${TEST_DIALECT === 'postgres' ? 'PostgreSQL' : 'SQLite file'}`, () => {
  let slack: FakeSlack;
  let database: TestDatabase;
  let replicas: BotProcess[] = [];

  afterEach(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    replicas = [];
    await slack?.stop();
    await database?.remove();
  });

  it('send each of 200 due reminders exactly once, and keep one timeline entry per message under concurrent reactions', async () => {
    slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN, rateLimits: { scale: RATE_LIMIT_SCALE } });
    database = await newTestDatabase();
    const owners = Array.from({ length: 20 }, (_, i) => slack.addUser({ name: `owner${i}`, tz: 'UTC' }).id);
    const channel = slack.addChannel({ name: 'inc-20261122-replicas', members: [slack.bot.userId, ...owners] }).id;

    const seed = createDb(database.config);
    await migrateToLatest(seed.db);
    const incidentId = randomUUID();
    const now = new Date().toISOString();
    await insertIncident(seed.db, {
      id: incidentId,
      request_key: 'V-replicas',
      title: 'Replicas',
      severity: 'SEV2',
      status: 'resolved',
      is_private: 0,
      channel_id: channel,
      channel_name: 'inc-20261122-replicas',
      commander_id: owners[0] as string,
      declared_by: owners[0] as string,
      responder_ids: '',
      impact_started_at: now,
      declared_at: now,
      setup_completed_at: now,
      created_at: now,
      updated_at: now,
    });
    await seed.db
      .insertInto('action_items')
      .values(
        Array.from({ length: ITEMS }, (_, i) => ({
          id: randomUUID(),
          incident_id: incidentId,
          description: `Item ${i}`,
          owner_id: owners[i % owners.length] as string,
          due_date: now.slice(0, 10),
          type: 'process',
          status: 'open',
          owner_time_zone: 'UTC',
          next_reminder_at: new Date(Date.now() - 1000).toISOString(),
          next_reminder_kind: 'due',
          overdue_reminders_sent: 0,
          reminder_failures: 0,
          created_by: owners[0] as string,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await seed.close();

    // Both replicas poll for reminders every 100 ms, so their claims keep meeting.
    const options = { script: BOT_PROCESS, env: { JOBS_EVERY_MS: '100' } };
    replicas = [await spawnBot(slack, database, options), await spawnBot(slack, database, options)];

    const reminderKeysNow = () => reminderKeys(slack, owners);
    await waitFor(() => reminderKeysNow().length >= ITEMS, { timeoutMs: 30_000, intervalMs: 200 });
    // A run still going on either replica could yet send a second DM: once each replica has
    // finished a run that started after every item was reminded, none can.
    await Promise.all(replicas.map((replica) => replica.jobRan('action-item-reminders')));
    const keys = reminderKeysNow();
    const duplicates = keys.length - new Set(keys).size;
    console.log(`reminders: ${ITEMS} due, ${new Set(keys).size} sent, ${duplicates} duplicate`);
    expect(new Set(keys).size).toBe(ITEMS);
    expect(duplicates).toBe(0);
    const recorded = createDb(database.config);
    try {
      const items = await recorded.db.selectFrom('action_items').select(['next_reminder_kind', 'reminder_claimed_until']).execute();
      expect(items.filter((item) => item.next_reminder_kind !== 'overdue' || item.reminder_claimed_until !== null)).toEqual([]);
    } finally {
      await recorded.close();
    }

    // Concurrent reactions: two people mark each message, one event to each replica, at once.
    const drivers = replicas.map((r) => new SlackDriver({ appUrl: `http://127.0.0.1:${r.port}`, signingSecret: SIGNING_SECRET, slack }));
    const messages = Array.from({ length: MESSAGES }, (_, i) => slack.post(owners[i % owners.length] as string, channel, `Observation ${i}`));
    await Promise.all(
      messages.flatMap((m, i) => [
        drivers[0]!.reactionAdded(owners[(i + 1) % owners.length] as string, channel, m.ts, 'pushpin'),
        drivers[1]!.reactionAdded(owners[(i + 2) % owners.length] as string, channel, m.ts, 'pushpin'),
      ]),
    );
    const check = createDb(database.config);
    try {
      const entries = await waitFor(
        async () => {
          const rows = await check.db.selectFrom('timeline_entries').select('source_ts').where('kind', '=', 'message').execute();
          return rows.length >= MESSAGES ? rows : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100 },
      );
      // Every reaction event is stored before it is acknowledged and marked handled once its
      // listeners finish: when all are, no replica can add anything more.
      await waitFor(
        async () => {
          const events = await check.db.selectFrom('inbox').select('handled_at').where('kind', '=', 'event').execute();
          return events.length === MESSAGES * 2 && events.every((e) => e.handled_at !== null);
        },
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      const rows = await check.db.selectFrom('timeline_entries').select('source_ts').where('kind', '=', 'message').execute();
      const distinct = new Set(rows.map((r) => r.source_ts)).size;
      console.log(`timeline: ${MESSAGES} messages marked twice on two replicas, ${distinct} entries, ${rows.length - distinct} duplicate`);
      expect(entries.length).toBeGreaterThanOrEqual(MESSAGES);
      expect(rows).toHaveLength(MESSAGES);
      expect(distinct).toBe(MESSAGES);
    } finally {
      await check.close();
    }

    for (const replica of replicas) replica.child.kill('SIGTERM');
    expect(await Promise.all(replicas.map((r) => r.exited))).toEqual([0, 0]);
    replicas = [];
  }, 90_000);
});
