import WebSocket from 'ws';
import { FakeSlack } from '../../tools/fake-slack';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { rawCall } from '../../tools/harness/web-client';

const APP_TOKEN = 'xapp-1-A0APP0001-1-protocoltest';

/** An app's end of a Socket Mode connection, speaking the protocol by hand. */
class SocketApp {
  readonly messages: Array<Record<string, unknown>> = [];
  private readonly waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Record<string, unknown>);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async connect(url: string): Promise<SocketApp> {
    const ws = new WebSocket(url);
    const app = new SocketApp(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return app;
  }

  /** The n-th message Slack sent on this connection (0 is the hello), once it has arrived. */
  async message(n: number): Promise<Record<string, unknown>> {
    while (this.messages.length <= n) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.messages[n]!;
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close(1000);
    });
  }
}

async function openConnection(slack: FakeSlack, token: string | null = APP_TOKEN) {
  const { body } = await rawCall(slack, 'apps.connections.open', { token });
  return body as { ok: boolean; url?: string; error?: string };
}

describe('FakeSlack Socket Mode', () => {
  let slack: FakeSlack;
  const apps: SocketApp[] = [];
  const connect = async (url: string) => {
    const app = await SocketApp.connect(url);
    apps.push(app);
    return app;
  };

  beforeEach(async () => {
    slack = await FakeSlack.start({ appToken: APP_TOKEN });
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await slack.stop();
  });

  describe('apps.connections.open', () => {
    it('answers the app-level token with a one-time WebSocket URL on the fake', async () => {
      const answer = await openConnection(slack);
      expect(answer.ok).toBe(true);
      expect(answer.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(slack.baseUrl).port}/link/\\?ticket=[0-9a-f-]{36}&app_id=${slack.bot.appId}$`));
      expect(slack.callsTo('apps.connections.open')).toMatchObject([{ ok: true, token: APP_TOKEN }]);
    });

    it('refuses tokens as Slack does: unknown app token, the bot token, none at all', async () => {
      expect(await openConnection(slack, 'xapp-1-A0APP0001-1-revoked')).toEqual({ ok: false, error: 'invalid_auth' });
      expect(await openConnection(slack, slack.botToken)).toEqual({ ok: false, error: 'not_allowed_token_type' });
      expect(await openConnection(slack, null)).toEqual({ ok: false, error: 'not_authed' });
      expect(slack.socketMode.connections).toBe(0);
    });

    it('is the only method the app-level token may call', async () => {
      const { body } = await rawCall(slack, 'auth.test', { token: APP_TOKEN });
      expect(body).toEqual({ ok: false, error: 'not_allowed_token_type' });
    });

    it('leaves every other method to the reference data (an unknown method stays unknown)', async () => {
      const { body } = await rawCall(slack, 'apps.connections.close', { token: APP_TOKEN });
      expect(body).toEqual({ ok: false, error: 'unknown_method' });
    });
  });

  describe('the connection', () => {
    it('starts with hello, naming the app and counting its connections', async () => {
      const first = await connect((await openConnection(slack)).url!);
      expect(await first.message(0)).toEqual({
        type: 'hello',
        num_connections: 1,
        debug_info: expect.objectContaining({ host: expect.any(String), approximate_connection_time: expect.any(Number) }),
        connection_info: { app_id: slack.bot.appId },
      });
      const second = await connect((await openConnection(slack)).url!);
      expect(await second.message(0)).toMatchObject({ type: 'hello', num_connections: 2 });
      expect(slack.socketMode.connections).toBe(2);
    });

    it('refuses a URL used once already, or one it never issued', async () => {
      const { url } = await openConnection(slack);
      await connect(url!);
      await expect(SocketApp.connect(url!)).rejects.toThrow(/401/);
      const forged = url!.replace(/ticket=[^&]+/, 'ticket=00000000-0000-0000-0000-000000000000');
      await expect(SocketApp.connect(forged)).rejects.toThrow(/401/);
    });

    it('delivers an envelope and resolves with the payload the app acknowledges it with', async () => {
      const app = await connect((await openConnection(slack)).url!);
      await app.message(0);
      const delivery = slack.socketMode.deliver(
        { type: 'slash_commands', payload: { command: '/incident', text: 'help' }, acceptsResponsePayload: true },
        5000,
      );
      const envelope = await app.message(1);
      expect(envelope).toEqual({
        envelope_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'slash_commands',
        payload: { command: '/incident', text: 'help' },
        accepts_response_payload: true,
      });
      app.send({ envelope_id: envelope.envelope_id, payload: { text: 'Here is how' } });
      await expect(delivery).resolves.toMatchObject({ envelopeId: envelope.envelope_id, acknowledged: true, payload: { text: 'Here is how' } });
      expect(slack.problems).toEqual([]);
    });

    it('reports what Slack would not accept: unknown envelopes, double acks, payloads it ignores', async () => {
      const app = await connect((await openConnection(slack)).url!);
      await app.message(0);
      const delivery = slack.socketMode.deliver({ type: 'events_api', payload: { type: 'event_callback' }, acceptsResponsePayload: false }, 5000);
      const envelope = await app.message(1);
      expect(envelope).toMatchObject({ type: 'events_api', retry_attempt: 0, retry_reason: '' });
      app.send({ envelope_id: envelope.envelope_id, payload: { text: 'ignored by Slack' } });
      await delivery;
      app.send({ envelope_id: envelope.envelope_id });
      app.send({ envelope_id: 'not-sent' });
      await new Promise<void>((resolve) => {
        const check = () => (slack.socketMode.received.length >= 3 ? resolve() : setImmediate(check));
        check();
      });
      expect(slack.problems).toEqual([
        expect.stringContaining('carries a payload Slack does not use'),
        expect.stringContaining('acknowledged twice'),
        expect.stringContaining('never sent (not-sent)'),
      ]);
    });

    it('resolves unacknowledged when the app never answers', async () => {
      const app = await connect((await openConnection(slack)).url!);
      await app.message(0);
      const ack = await slack.socketMode.deliver({ type: 'interactive', payload: { type: 'block_actions' }, acceptsResponsePayload: false }, 50);
      expect(ack).toMatchObject({ acknowledged: false });
      expect(ack.payload).toBeUndefined();
    });

    it('asks connected apps to reconnect with a disconnect message', async () => {
      const app = await connect((await openConnection(slack)).url!);
      await app.message(0);
      slack.socketMode.disconnectAll('refresh_requested');
      expect(await app.message(1)).toEqual({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: expect.any(String) } });
    });

    it('drops its connections when it stops', async () => {
      const app = await connect((await openConnection(slack)).url!);
      await app.message(0);
      const closed = new Promise<void>((resolve) => app.ws.once('close', () => resolve()));
      await slack.stop();
      await closed;
      expect(app.ws.readyState).toBe(WebSocket.CLOSED);
    });
  });

  describe('the driver over Socket Mode', () => {
    it('sends a slash command as an envelope and treats the ack payload like the HTTP answer', async () => {
      const alice = slack.addUser({ name: 'alice' }).id;
      const general = slack.addChannel({ name: 'general', members: [alice] }).id;
      const app = await connect((await openConnection(slack)).url!);
      await app.message(0);
      const driver = new SlackDriver({ transport: 'socket', slack });

      const response = driver.command({ user: alice, channel: general, text: 'help' });
      const envelope = await app.message(1);
      expect(envelope).toMatchObject({
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: { command: '/incident', text: 'help', user_id: alice, channel_id: general, trigger_id: expect.any(String) },
      });
      app.send({ envelope_id: envelope.envelope_id, payload: { response_type: 'ephemeral', text: 'How to use /incident' } });
      const answered = await response;
      expect(answered).toMatchObject({ status: 200, body: { response_type: 'ephemeral', text: 'How to use /incident' } });
      expect(slack.ephemerals(alice, general).map((e) => e.text)).toEqual(['How to use /incident']);
      expect(slack.problems).toEqual([]);
    });

    it('sends events with their retry count, and answers a bare ack with an empty body', async () => {
      const app = await connect((await openConnection(slack)).url!);
      await app.message(0);
      const driver = new SlackDriver({ transport: 'socket', slack });
      const event = { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.000001' };

      const again = driver.event(event, { eventId: 'Ev0AGAIN', retryNum: 1, retryReason: 'http_timeout' });
      const envelope = await app.message(1);
      expect(envelope).toMatchObject({
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 1,
        retry_reason: 'http_timeout',
        payload: { type: 'event_callback', event_id: 'Ev0AGAIN', event },
      });
      app.send({ envelope_id: envelope.envelope_id, payload: {} });
      expect(await again).toMatchObject({ status: 200, body: '', text: '', envelopeId: envelope.envelope_id });
    });

    it('reports an interaction the app never acknowledges, as Slack shows the person an error', async () => {
      const alice = slack.addUser({ name: 'alice' }).id;
      const general = slack.addChannel({ name: 'general', members: [alice, slack.bot.userId] }).id;
      const { ts } = slack.post(alice, general, 'the database is down');
      const app = await connect((await openConnection(slack)).url!);
      await app.message(0);
      const driver = new SlackDriver({ transport: 'socket', slack, ackTimeoutMs: 50 });

      const response = await driver.messageShortcut({ user: alice, channel: general, messageTs: ts, callbackId: 'add_to_timeline' });
      expect(response.status).toBe(0);
      expect(await app.message(1)).toMatchObject({ type: 'interactive', accepts_response_payload: false, payload: { type: 'message_action' } });
      expect(slack.problems).toEqual([`message shortcut add_to_timeline: the app never acknowledged envelope ${response.envelopeId}; Slack shows an error`]);
    });

    it('has no Request URL to sign requests for', async () => {
      const driver = new SlackDriver({ transport: 'socket', slack });
      await expect(driver.urlVerification()).rejects.toThrow(/Socket Mode/);
      expect(() => driver.appUrl).toThrow(/Socket Mode/);
    });

    it('refuses to deliver when no app is connected', async () => {
      const alice = slack.addUser({ name: 'alice' }).id;
      const general = slack.addChannel({ name: 'general', members: [alice] }).id;
      const driver = new SlackDriver({ transport: 'socket', slack });
      await expect(driver.command({ user: alice, channel: general, text: 'help' })).rejects.toThrow(/No Socket Mode connection/);
    });
  });
});
