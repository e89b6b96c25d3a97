import { randomUUID } from 'node:crypto';
import { createDb } from '../../src/db/create-db';
import { migrateToLatest } from '../../src/db/migrate';
import { FakeSlack } from '../../tools/fake-slack';
import { commandOpeningModal } from '../../tools/harness/incident-steps';
import { grantedBotScopes } from '../../tools/fake-slack/manifest';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { BOT_PROCESS, type BotProcess, spawnBot } from '../../tools/harness/spawn-bot';
import { BOT_TOKEN, RATE_LIMIT_SCALE, SIGNING_SECRET, type TestBot } from '../../tools/harness/test-bot';
import { TEST_DIALECT, type TestDatabase, newTestDatabase } from '../../tools/harness/test-database';
import { seedIncident } from '../../tools/harness/test-db';
import { reminderKeys } from '../../tools/harness/reminder-keys';
import { waitFor } from '../../tools/harness/wait-for';

const KILLS = 24;
const DECLARES_PER_ROUND = 2;
const REACTIONS_PER_ROUND = 6;
const REMINDERS_PER_ROUND = 3;
/**
 * Each restart's clock runs this much further ahead, as if the bot had been down that long: every
 * lease the killed process held (requests, set-ups, reminders) has run out by then.
 */
const DOWNTIME_MS = 10 * 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const random = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

interface Attempt {
  key: string;
  accepted: boolean;
}

/** Sends a request and notes whether the bot acknowledged it (HTTP 200) before it died. */
async function attempt(key: string, send: () => Promise<{ status: number }>): Promise<Attempt> {
  try {
    return { key, accepted: (await send()).status === 200 };
  } catch {
    return { key, accepted: false };
  }
}

describe(`kill -9 at random points (${TEST_DIALECT === 'postgres' ? 'PostgreSQL' : 'SQLite'})`, () => {
  let slack: FakeSlack;
  let database: TestDatabase;
  let bot: BotProcess | undefined;

  afterEach(async () => {
    bot?.child.kill('SIGKILL');
    await bot?.exited;
    await slack?.stop();
    await database?.remove();
  });

  it('loses no acknowledged declaration or reaction, finishes every set-up once, and sends each due reminder once', async () => {
    slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN, rateLimits: { scale: RATE_LIMIT_SCALE } });
    database = await newTestDatabase();
    const alice = slack.addUser({ name: 'alice', tz: 'Europe/Paris' }).id;
    const owners = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo'].map((tz, i) => slack.addUser({ name: `owner${i}`, tz }).id);
    const ops = slack.addChannel({ name: 'ops', members: [alice] }).id;
    slack.addChannel({ id: 'C0INCIDENTS', name: 'incidents', members: [alice, slack.bot.userId] });
    const capture = slack.addChannel({ name: 'inc-20261122-capture', members: [slack.bot.userId, alice, ...owners] }).id;

    // One incident to capture reactions in, and action items falling due a few per restart.
    const seed = createDb(database.config);
    await migrateToLatest(seed.db);
    const incidentId = await seedIncident(seed, { channelId: capture });
    const start = Date.now();
    const items = Array.from({ length: KILLS * REMINDERS_PER_ROUND }, (_, i) => ({
      id: randomUUID(),
      incident_id: incidentId,
      description: `Item ${i}`,
      owner_id: owners[i % owners.length] as string,
      due_date: new Date(start).toISOString().slice(0, 10),
      type: 'mitigate',
      status: 'open',
      owner_time_zone: 'UTC',
      next_reminder_at: new Date(start + Math.floor(i / REMINDERS_PER_ROUND) * DOWNTIME_MS + (i % REMINDERS_PER_ROUND) * 100).toISOString(),
      next_reminder_kind: 'due',
      overdue_reminders_sent: 0,
      reminder_failures: 0,
      created_by: alice,
      created_at: new Date(start).toISOString(),
      updated_at: new Date(start).toISOString(),
    }));
    await seed.db.insertInto('action_items').values(items).execute();
    await seed.close();

    const env = { INCIDENTS_CHANNEL: 'C0INCIDENTS', LOG_LEVEL: 'fatal' };
    const launch = (round: number) => spawnBot(slack, database, { script: BOT_PROCESS, env: { ...env, CLOCK_OFFSET_MS: String(round * DOWNTIME_MS) } });
    const declares: Array<Attempt & { title: string }> = [];
    const reactions: Attempt[] = [];

    for (let round = 0; round < KILLS; round += 1) {
      bot = await launch(round);
      const driver = new SlackDriver({ appUrl: bot.url, signingSecret: SIGNING_SECRET, slack });
      const t = { slack, driver } as unknown as TestBot;
      // Forms are opened while the bot is surely up; what is submitted next races the kill.
      const forms = [];
      for (let k = 0; k < DECLARES_PER_ROUND; k += 1) {
        const title = `Crash ${round} ${k}`;
        forms.push({ title, modal: await commandOpeningModal(t, alice, ops, `declare ${title}`) });
      }
      const messages = Array.from({ length: REACTIONS_PER_ROUND }, (_, i) => slack.post(owners[i % owners.length] as string, capture, `Round ${round} note ${i}`));

      const killAfter = random(10, 500);
      const kill = pause(killAfter).then(() => bot?.child.kill('SIGKILL'));
      const sent = await Promise.all([
        ...forms.map(async ({ title, modal }) => {
          await pause(random(0, 300));
          const result = await attempt(modal.id, () => driver.submitView({ user: alice, viewId: modal.id, fields: { severity: 'SEV2' } }));
          return { ...result, title };
        }),
        ...messages.map(async (message, i) => {
          await pause(random(0, 300));
          return attempt(message.ts, () => driver.reactionAdded(owners[i % owners.length] as string, capture, message.ts, 'pushpin'));
        }),
      ]);
      await kill;
      await bot.exited;
      declares.push(...(sent.slice(0, DECLARES_PER_ROUND) as Array<Attempt & { title: string }>));
      reactions.push(...sent.slice(DECLARES_PER_ROUND));
    }

    // The last restart: everything acknowledged before any kill must now be finished.
    bot = await launch(KILLS);
    const check = createDb(database.config);
    try {
      const acceptedDeclares = declares.filter((d) => d.accepted);
      const acceptedReactions = reactions.filter((r) => r.accepted);
      const reminderKeysNow = () => reminderKeys(slack, owners);
      const setUp = () =>
        check.db.selectFrom('incidents').selectAll().where('title', 'like', 'Crash %').where('setup_completed_at', 'is not', null).execute();
      const entries = () => check.db.selectFrom('timeline_entries').select('source_ts').where('incident_id', '=', incidentId).where('kind', '=', 'message').execute();
      await waitFor(
        async () => {
          const done = new Set((await setUp()).map((row) => row.request_key));
          const captured = new Set((await entries()).map((row) => row.source_ts));
          return (
            acceptedDeclares.every((d) => done.has(d.key)) &&
            acceptedReactions.every((r) => captured.has(r.key)) &&
            new Set(reminderKeysNow()).size >= items.length
          );
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      // Work still going on in the last process could yet add a duplicate: once each job that
      // finishes interrupted work has completed a run that started after all was seen, none can.
      await Promise.all(['replay-inbox', 'resume-setups', 'action-item-reminders'].map((job) => bot!.jobRan(job)));

      // Declarations: each stored once, each with one channel, one pinned card, one announcement.
      const incidents = await setUp();
      const stalled = await check.db.selectFrom('incidents').select('title').where('setup_completed_at', 'is', null).execute();
      const cards = incidents.map((row) => slack.botMessages(row.channel_id as string).filter((m) => m.text.includes(row.title)).length);
      const announced = incidents.map((row) => slack.botMessages('C0INCIDENTS').filter((m) => m.text.includes(`${row.title}`)).length);
      const pins = incidents.map((row) => slack.pins(row.channel_id as string).length);
      const channels = slack.channels().filter((c) => c.name.includes('-crash-')).length;
      const stored = new Set(incidents.map((row) => row.request_key));
      // Captures: one entry per marked message.
      const captured = (await entries()).map((row) => row.source_ts);
      const keys = reminderKeysNow();

      console.log(
        [
          `crash: ${KILLS} kills at random points`,
          `declarations: ${acceptedDeclares.length} acknowledged, ${acceptedDeclares.filter((d) => stored.has(d.key)).length} stored and set up` +
            ` (${incidents.length} in all, ${stalled.length} unfinished; ${cards.filter((n) => n !== 1).length} with a missing or extra card,` +
            ` ${announced.filter((n) => n !== 1).length} with a missing or extra announcement; ${channels - incidents.length} orphan channel)`,
          `reactions: ${acceptedReactions.length} acknowledged, ${acceptedReactions.filter((r) => captured.includes(r.key)).length} on the timeline, ${captured.length - new Set(captured).size} duplicate`,
          `reminders: ${items.length} due, ${new Set(keys).size} sent, ${keys.length - new Set(keys).size} duplicate`,
        ].join('\n'),
      );
      expect(acceptedDeclares.length).toBeGreaterThan(0);
      expect(acceptedReactions.length).toBeGreaterThan(0);
      expect(acceptedDeclares.filter((d) => !stored.has(d.key))).toEqual([]);
      expect(stalled).toEqual([]);
      expect(new Set(incidents.map((row) => row.title)).size).toBe(incidents.length);
      expect(cards.every((n) => n === 1)).toBe(true);
      expect(pins.every((n) => n === 1)).toBe(true);
      expect(announced.every((n) => n === 1)).toBe(true);
      expect(acceptedReactions.filter((r) => !captured.includes(r.key))).toEqual([]);
      expect(captured.length).toBe(new Set(captured).size);
      expect(new Set(keys).size).toBe(items.length);
      expect(keys.length).toBe(items.length);
    } finally {
      await check.close();
    }
  }, 240_000);
});
