import { spawn } from 'node:child_process';
import type { Selectable } from 'kysely';
import type { IncidentsTable } from '../../src/incidents/incidents.table';
import fs from 'node:fs';
import path from 'node:path';
import type { FakeChannel } from '../../tools/fake-slack';
import { FakeSlack } from '../../tools/fake-slack';
import { ROOT, grantedBotScopes } from '../../tools/fake-slack/manifest';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { declareThroughSlack } from '../../tools/harness/incident-steps';
import { freePort } from '../../tools/harness/free-port';
import { spawnBot } from '../../tools/harness/spawn-bot';
import { APP_TOKEN, BOT_TOKEN, type TestBot, startTestBot, tempDatabasePath } from '../../tools/harness/test-bot';
import { newTestDatabase } from '../../tools/harness/test-database';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

describe('the bot in Socket Mode', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  let ops: string;

  beforeAll(async () => {
    t = await startTestBot({ mode: 'socket' });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops', tz: 'Europe/Paris' }).id;
    bob = t.slack.addUser({ name: 'bob', tz: 'America/New_York' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob, t.slack.bot.userId] }).id;
  });
  afterAll(() => t.stop());

  it('connects with the app-level token and is greeted before it says it is ready', () => {
    expect(t.config.mode).toBe('socket');
    expect(t.driver.transport).toBe('socket');
    expect(t.slack.callsTo('apps.connections.open')).toMatchObject([{ ok: true, token: APP_TOKEN }]);
    expect(t.slack.socketMode.connections).toBe(1);
    expect(t.logs.some((l) => l.msg === 'incident bot is ready' && l.mode === 'socket')).toBe(true);
  });

  it('answers `/incident help` in the acknowledgement, only to the person who asked', async () => {
    const general = t.slack.addChannel({ name: 'general', members: [alice] }).id;
    const response = await t.driver.command({ user: alice, channel: general, text: 'help' });
    expect(response.status).toBe(200);
    expect(response.body.response_type).toBe('ephemeral');
    expect(visibleText(response.body)).toContain('`/incident help` — Show what the bot can do');
    expect(visibleText(t.slack.ephemerals(alice, general)[0])).toContain('/incident help');
    expect(t.slack.messages(general)).toEqual([]);
    const envelope = t.slack.socketMode.envelopes.find((e) => e.envelope_id === response.envelopeId);
    expect(envelope).toMatchObject({ type: 'slash_commands', accepts_response_payload: true, payload: { command: '/incident', text: 'help' } });
  });

  describe('an incident declared and worked on', () => {
    let channel: FakeChannel;
    let incident: Selectable<IncidentsTable>;

    beforeAll(async () => {
      const declared = await declareThroughSlack(t, alice, ops, { title: 'Checkout returns 500s', severity: 'SEV2', responders: [bob] });
      channel = declared.channel;
      incident = declared.row;
    });

    it('gets its channel, staffed, with the pinned card, from a form submitted over the socket', async () => {
      expect(channel.name).toMatch(/^inc-\d{8}-checkout-returns-500s$/);
      expect(channel.members).toEqual(expect.arrayContaining([alice, bob, t.slack.bot.userId]));
      expect(channel.topic.value).toBe('SEV2 · Investigating · Checkout returns 500s');
      const [pin] = t.slack.pins(channel.id);
      const card = visibleText(t.slack.message(channel.id, pin!.ts));
      expect(card).toContain('SEV2: Checkout returns 500s');
      expect(card).toContain(`*Commander:* <@${alice}>`);

      const submission = t.slack.socketMode.envelopes.find((e) => e.type === 'interactive' && e.payload.type === 'view_submission');
      expect(submission).toMatchObject({ accepts_response_payload: true });
      expect(t.slack.problems).toEqual([]);
    });

    it('captures a :pushpin: reaction on the timeline', async () => {
      const message = t.slack.post(bob, channel.id, 'DB CPU at 100% since 14:02');
      const delivery = await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
      expect(delivery).toMatchObject({ status: 200, body: '' });
      expect(t.slack.socketMode.envelopes.find((e) => e.envelope_id === delivery.envelopeId)).toMatchObject({
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        payload: { event_id: delivery.eventId, event: { type: 'reaction_added', reaction: 'pushpin' } },
      });

      const entry = await waitFor(() =>
        t.bot.database.db
          .selectFrom('timeline_entries')
          .selectAll()
          .where('incident_id', '=', incident.id)
          .where('source_ts', '=', message.ts)
          .executeTakeFirst(),
      );
      expect(entry).toMatchObject({ kind: 'message', author_id: bob, actor_id: alice, text: 'DB CPU at 100% since 14:02' });
      await waitFor(() => t.slack.reactionsOn(channel.id, message.ts).some((r) => r.name === 'memo' && r.users.includes(t.slack.bot.userId)));
    });

    it('asks for accounts on resolving, and takes one written from the DM over the socket', async () => {
      await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Restarted the database' });
      const request = await waitFor(() => t.slack.dm(bob).find((m) => JSON.stringify(m.metadata ?? {}).includes('account_request')));
      await t.driver.blockAction({ user: bob, actionId: 'account_write', container: { type: 'message', channel: request.channel, ts: request.ts } });
      const form = await waitFor(() => t.slack.views(bob).find((v) => v.callback_id === 'account_form'));
      await t.driver.submitView({ user: bob, viewId: form.id, fields: { account_noticed: 'The database CPU graph went flat at 100%' } });
      await waitFor(() => (t.slack.view(form.id)?.callback_id === 'account_saved' ? true : undefined));
      const row = await t.bot.database.db.selectFrom('participant_accounts').selectAll().where('incident_id', '=', incident.id).where('user_id', '=', bob).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state: 'written', time_zone: 'America/New_York' });
      expect(t.slack.problems).toEqual([]);
    });
  });
});

describe('the built bot in Socket Mode', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN, appToken: APP_TOKEN });
  });
  afterEach(() => slack.stop());

  it('connects, serves /healthz on PORT for health checks, answers over the socket and stops on SIGTERM', async () => {
    const database = await newTestDatabase();
    const bot = await spawnBot(slack, database, { env: { SLACK_APP_TOKEN: APP_TOKEN } });
    try {
      await slack.socketMode.connected();
      const alice = slack.addUser({ name: 'alice' }).id;
      const general = slack.addChannel({ name: 'general', members: [alice] }).id;
      const driver = new SlackDriver({ transport: 'socket', slack });
      // Acknowledged only after the bot has handled Slack's hello, which is when its start-up
      // finishes and it begins listening for SIGTERM.
      const response = await driver.command({ user: alice, channel: general, text: 'help' });
      expect(response.status).toBe(200);
      expect(visibleText(response.body)).toContain('/incident help');
      expect(slack.problems).toEqual([]);
    } finally {
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      await database.remove();
    }
  });

  it('names a rejected app token as SLACK_APP_TOKEN, exits 1 on its own and leaves nothing running', async () => {
    const databasePath = tempDatabasePath();
    const rejected = 'xapp-1-A0APP0001-1-revoked';
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: rejected,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(await freePort()),
        DATABASE_URL: `sqlite:${databasePath}`,
        LOG_PRETTY: '0',
      },
    });
    const output: string[] = [];
    child.stdout.on('data', (d) => output.push(String(d)));
    child.stderr.on('data', (d) => output.push(String(d)));
    // It must stop by itself; should it hang, it is stopped here so the test fails without leaving it behind.
    let hung: NodeJS.Timeout | undefined;
    const code = await new Promise<number | null | 'still running'>((resolve) => {
      child.on('exit', resolve);
      hung = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running');
      }, 15_000);
    }).finally(() => clearTimeout(hung));
    fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });

    expect(code).toBe(1);
    const lines = output
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    const fatal = lines.find((l) => l.level === 60)?.msg ?? '';
    expect(fatal).toContain('Slack rejected SLACK_APP_TOKEN (invalid_auth)');
    expect(output.join('')).not.toContain(rejected);
    expect(slack.callsTo('apps.connections.open')).toMatchObject([{ ok: false, error: 'invalid_auth', token: rejected }]);
    expect(slack.socketMode.connections).toBe(0);
    // The process is gone, not merely quiet: signalling it finds nobody.
    expect(() => process.kill(child.pid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});
