import { fromStoredInstant } from '../../src/db/instant';
import type { FakeSlack } from '../../tools/fake-slack';
import { requestsFinished, skippedRedelivery } from '../../tools/harness/completion';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

describe('a freshly installed bot', () => {
  let t: TestBot;
  let slack: FakeSlack;
  let alice: string;
  let general: string;

  beforeAll(async () => {
    t = await startTestBot();
    slack = t.slack;
    alice = slack.addUser({ name: 'alice', realName: 'Alice Ops', tz: 'Europe/Paris' }).id;
    general = slack.addChannel({ name: 'general', members: [alice] }).id;
  });
  afterAll(() => t.stop());

  it('answers `/incident help` with usage, only to the person who asked, in the acknowledgement itself', async () => {
    const response = await t.driver.command({ user: alice, channel: general, text: 'help' });
    expect(response.status).toBe(200);
    expect(response.body.response_type).toBe('ephemeral');
    const shown = visibleText(response.body);
    expect(shown).toContain('`/incident help` — Show what the bot can do');
    expect(slack.messages(general)).toEqual([]);
  });

  it('shows the same help for a bare `/incident`, and from a DM with the bot', async () => {
    const dm = slack.openDm(alice);
    const response = await t.driver.command({ user: alice, channel: dm, text: '' });
    expect(response.status).toBe(200);
    expect(visibleText(response.body)).toContain('/incident help');
  });

  it('says which subcommand it did not understand, showing the text literally', async () => {
    const response = await t.driver.command({ user: alice, channel: general, text: '<!channel> now' });
    const shown = visibleText(response.body);
    expect(shown).toContain("I don't know `/incident &lt;!channel&gt;`");
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('/incident help');
  });

  it('publishes its App Home when someone opens it', async () => {
    await t.driver.appHomeOpened(alice);
    const home = await waitFor(() => slack.homeView(alice));
    expect(home.type).toBe('home');
    expect(visibleText(home)).toContain('/incident help');
  });

  it('handles an event Slack redelivers (same event_id, X-Slack-Retry-Num) only once', async () => {
    const bob = slack.addUser({ name: 'bob' }).id;
    const event = { type: 'app_home_opened', user: bob, channel: slack.openDm(bob), tab: 'home', event_ts: '1.000001' };
    const first = await t.driver.event(event, { eventId: 'Ev0REDELIVER1' });
    const again = await t.driver.event(event, { eventId: 'Ev0REDELIVER1', retryNum: 1, retryReason: 'http_timeout' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(skippedRedelivery(t, 'Ev0REDELIVER1')).toBe(true);
    await waitFor(() => slack.homeView(bob));
    await requestsFinished(t);
    expect(slack.callsTo('views.publish').filter((c) => c.args.user_id === bob)).toHaveLength(1);

    const receipt = await t.bot.database.db
      .selectFrom('inbox')
      .selectAll()
      .where('id', '=', 'Ev0REDELIVER1')
      .executeTakeFirstOrThrow();
    expect(Math.abs(fromStoredInstant(receipt.received_at).getTime() - Date.now())).toBeLessThan(60_000);
    expect(receipt).toMatchObject({ kind: 'event', attempts: 1, body: null });
    expect(receipt.handled_at).not.toBeNull();
  });

  it('serves /healthz while the database answers', async () => {
    const response = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  describe('refuses requests Slack did not sign (401) and runs nothing for them', () => {
    const body = 'command=%2Fincident&text=help&user_id=U1&channel_id=C1&team_id=T1';
    const contentType = 'application/x-www-form-urlencoded';

    it('without a signature', async () => {
      expect((await t.driver.unsignedPost(body, contentType)).status).toBe(401);
    });

    it('signed six minutes ago', async () => {
      const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
      expect((await t.driver.signedPost(body, contentType, { timestampSeconds: sixMinutesAgo })).status).toBe(401);
    });

    it('signed six minutes in the future, which a captured request could be replayed from', async () => {
      const sixMinutesAhead = Math.floor(Date.now() / 1000) + 6 * 60;
      expect((await t.driver.signedPost(body, contentType, { timestampSeconds: sixMinutesAhead })).status).toBe(401);
      const fourMinutesAhead = Math.floor(Date.now() / 1000) + 4 * 60;
      expect((await t.driver.signedPost(body, contentType, { timestampSeconds: fourMinutesAhead })).status).toBe(200);
    });

    it('with a forged signature', async () => {
      expect((await t.driver.signedPost(body, contentType, { signature: `v0=${'0'.repeat(64)}` })).status).toBe(401);
    });

    it('while a fresh, correct signature is accepted', async () => {
      const response = await t.driver.signedPost(body, contentType);
      expect(response.status).toBe(200);
    });
  });

  it('logs as JSON lines with no token in them', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(t.logs)).not.toContain('xoxb-');
  });
});

describe('a stopping bot', () => {
  it('lets a running handler finish before closing the database', async () => {
    const t = await startTestBot();
    const carol = t.slack.addUser({ name: 'carol' }).id;
    t.slack.injectFault('views.publish', { kind: 'slow', delayMs: 400 });
    await t.driver.appHomeOpened(carol);
    await t.bot.stop();
    expect(t.slack.homeView(carol)).toBeDefined();
    await expect(t.bot.database.ping()).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${t.bot.port}/healthz`)).rejects.toThrow();
    await t.stop();
  });

  it('reports unhealthy when the database stops answering', async () => {
    const t = await startTestBot();
    await t.bot.database.close();
    const response = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`);
    expect(response.status).toBe(503);
    await t.stop();
  });
});
