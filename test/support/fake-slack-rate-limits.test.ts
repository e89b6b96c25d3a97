import { ErrorCode, type WebClient } from '@slack/web-api';
import { FakeSlack } from '../../tools/fake-slack';
import { rawCall, webClientFor } from '../../tools/harness/web-client';

const START = Date.parse('2026-03-02T09:00:00Z');

/** What an app sees of one call: it went through, or Slack asked it to wait this many seconds. */
async function outcome(call: Promise<unknown>): Promise<'ok' | { retryAfter: number }> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const { code, retryAfter } = error as { code?: string; retryAfter?: number };
    if (code === ErrorCode.RateLimitedError && retryAfter !== undefined) return { retryAfter };
    throw error;
  }
}

async function times<T>(n: number, call: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < n; i += 1) results.push(await call());
  return results;
}

describe("FakeSlack's rate limits", () => {
  let slack: FakeSlack;
  let client: WebClient;
  let ops: string;
  let general: string;

  async function start(options: Parameters<typeof FakeSlack.start>[0] = {}): Promise<void> {
    slack = await FakeSlack.start(options);
    slack.setClock(() => START);
    // Told to reject rather than wait, WebClient shows the 429 to its caller as Slack sent it.
    client = webClientFor(slack, { rejectRateLimitedCalls: true });
    ops = slack.addChannel({ name: 'ops', members: [slack.bot.userId] }).id;
    general = slack.addChannel({ name: 'general', members: [slack.bot.userId] }).id;
  }
  afterEach(() => slack.stop());

  describe("Slack's own limits (the default)", () => {
    beforeEach(() => start());

    it('refuses a Tier 3 method after its burst until the clock gives a call back', async () => {
      const info = () => outcome(client.conversations.info({ channel: ops }));
      expect(await times(5, info)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      // 50 a minute: one call back every 1.2 s.
      expect(await info()).toEqual({ retryAfter: 2 });

      slack.advanceClock(1199);
      expect(await info()).toEqual({ retryAfter: 1 });
      slack.advanceClock(1);
      expect(await info()).toBe('ok');
      expect(await info()).toEqual({ retryAfter: 2 });

      // Each method has its own budget.
      expect(await outcome(client.users.list({}))).toBe('ok');
      expect(slack.rateLimitedCalls().map((c) => c.method)).toEqual(['conversations.info', 'conversations.info', 'conversations.info']);
    });

    it('answers exactly as Slack does: HTTP 429, Retry-After in seconds, ratelimited', async () => {
      await times(5, () => rawCall(slack, 'conversations.info', { httpMethod: 'GET', query: `channel=${ops}` }));
      const limited = await rawCall(slack, 'conversations.info', { httpMethod: 'GET', query: `channel=${ops}` });

      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('2');
      expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
      expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
      expect(slack.callsTo('conversations.info').at(-1)).toMatchObject({ ok: false, status: 429, error: 'ratelimited', rateLimited: true, at: START });
    });

    it('gives a Tier 1 method two calls, then a minute, apps.connections.open included', async () => {
      const open = () => rawCall(slack, 'apps.connections.open', { token: slack.appToken });
      expect((await times(2, open)).map((r) => r.status)).toEqual([200, 200]);
      const limited = await open();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
    });

    it('limits chat.postMessage per channel, about one a second after a short burst', async () => {
      const post = (channel: string) => outcome(client.chat.postMessage({ channel, text: 'update' }));
      expect(await times(3, () => post(ops))).toEqual(['ok', 'ok', 'ok']);
      expect(await post(ops)).toEqual({ retryAfter: 1 });
      // Another channel has a budget of its own.
      expect(await times(3, () => post(general))).toEqual(['ok', 'ok', 'ok']);

      slack.advanceClock(1000);
      expect(await post(ops)).toBe('ok');
      expect(await post(ops)).toEqual({ retryAfter: 1 });
      // A refused message was never posted.
      expect(slack.botMessages(ops)).toHaveLength(4);
    });

    it('lets other special methods such as auth.test through far more often', async () => {
      expect(await times(50, () => outcome(client.auth.test()))).toEqual(Array(50).fill('ok'));
      expect(await outcome(client.auth.test())).toEqual({ retryAfter: 1 });
    });

    it('charges only calls made with the app’s tokens, and only those it lets through', async () => {
      const strangers = await times(8, () => rawCall(slack, 'conversations.info', { token: 'xoxb-someone-else', httpMethod: 'GET', query: `channel=${ops}` }));
      expect(strangers.map((r) => (r.body as Record<string, unknown>).error)).toEqual(Array(8).fill('invalid_auth'));
      expect(await times(5, () => outcome(client.conversations.info({ channel: ops })))).toEqual(Array(5).fill('ok'));

      // Refused calls take nothing: after 1.2 s there is exactly one call again, however often it was tried.
      await times(4, () => outcome(client.conversations.info({ channel: ops })));
      slack.advanceClock(1200);
      expect(await times(2, () => outcome(client.conversations.info({ channel: ops })))).toEqual(['ok', { retryAfter: 2 }]);
    });

    it('puts injected faults first, and tells them apart from its own refusals', async () => {
      slack.injectFault('conversations.info', { kind: 'error', error: 'internal_error' }, { times: 5 });
      await times(5, () => rawCall(slack, 'conversations.info', { httpMethod: 'GET', query: `channel=${ops}` }));
      // Faulted calls took no token: the whole burst is still there.
      expect(await times(5, () => outcome(client.conversations.info({ channel: ops })))).toEqual(Array(5).fill('ok'));

      slack.injectFault('conversations.info', { kind: 'rate_limited', retryAfterSeconds: 7 });
      expect(await outcome(client.conversations.info({ channel: ops }))).toEqual({ retryAfter: 7 });
      slack.injectFault('conversations.info', { kind: 'http_error', status: 503 });
      await expect(client.conversations.info({ channel: ops })).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
      expect(await outcome(client.conversations.info({ channel: ops }))).toEqual({ retryAfter: 2 });

      const limitedCalls = slack.callsTo('conversations.info').filter((c) => c.status === 429);
      expect(limitedCalls.map((c) => c.rateLimited ?? false)).toEqual([false, true]);
      expect(slack.rateLimitedCalls('conversations.info')).toEqual([limitedCalls[1]]);
    });
  });

  it('multiplies every rate and burst by scale', async () => {
    await start({ rateLimits: { scale: 10 } });
    // users.list is Tier 2: 20 a minute and 3 at once, here 200 a minute and 30 at once.
    const list = () => outcome(client.users.list({}));
    expect(await times(30, list)).toEqual(Array(30).fill('ok'));
    expect(await list()).toEqual({ retryAfter: 1 });
    slack.advanceClock(300);
    expect(await list()).toBe('ok');
    expect(await list()).toEqual({ retryAfter: 1 });
  });

  it("limits nothing when 'off', and can be changed while running", async () => {
    await start({ rateLimits: 'off' });
    const list = () => outcome(client.users.list({}));
    expect(await times(40, list)).toEqual(Array(40).fill('ok'));

    slack.setRateLimits('slack');
    expect(await times(4, list)).toEqual(['ok', 'ok', 'ok', { retryAfter: 3 }]);
    slack.setRateLimits({ scale: 2 });
    expect(await times(7, list)).toEqual([...Array(6).fill('ok'), { retryAfter: 2 }]);
    expect(() => slack.setRateLimits({ scale: 0 })).toThrow(/positive/);
  });
});
