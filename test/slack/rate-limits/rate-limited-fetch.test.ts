import { FakeSlack } from '../../../tools/fake-slack';
import { webClientFor } from '../../../tools/harness/web-client';
import { createLogger } from '../../../src/logger';
import { RATE_LIMITED_RETRIES, rateLimitedFetch } from '../../../src/slack/rate-limits/rate-limited-fetch';
import { SlackRateLimiter } from '../../../src/slack/rate-limits/slack-rate-limiter';
import { runWithPriority } from '../../../src/work-priority';
import { Writable } from 'node:stream';

describe('rateLimitedFetch', () => {
  let slack: FakeSlack;
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger(
    { level: 'info', pretty: false } as never,
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    }),
  );

  beforeEach(async () => {
    slack = await FakeSlack.start();
  });
  afterEach(() => slack.stop());

  function client(limiter = new SlackRateLimiter()) {
    return webClientFor(slack, { fetch: rateLimitedFetch(limiter, { apiUrl: slack.apiUrl, timeoutMs: 5000, logger }) });
  }

  it("waits out Slack's 429 and sends the call again: the caller only sees the answer", async () => {
    const channel = slack.addChannel({ name: 'ops', members: [slack.bot.userId] }).id;
    slack.injectFault('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const started = Date.now();
    const answer = await client().chat.postMessage({ channel, text: 'hello' });
    expect(answer.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(slack.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(slack.messages(channel).map((m) => m.text)).toEqual(['hello']);
    expect(logs.some((l) => l.msg === 'Slack asked the bot to slow down; waiting as told' && l.retryAfterMs === 1000)).toBe(true);
  });

  it('gives up after its retries when Slack keeps refusing, and the caller learns it was rate-limited', async () => {
    const channel = slack.addChannel({ name: 'ops', members: [slack.bot.userId] }).id;
    slack.injectFault('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 0 }, { times: RATE_LIMITED_RETRIES + 1 });
    await expect(client().chat.postMessage({ channel, text: 'hello' })).rejects.toThrow(/rate limit/i);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(RATE_LIMITED_RETRIES + 1);
    expect(slack.messages(channel)).toEqual([]);
  });

  it('counts the timeout from when a call is sent, not while it waits for its turn', async () => {
    const limiter = new SlackRateLimiter();
    limiter.penalize('users.info', undefined, 1500);
    const user = slack.addUser({ name: 'ana' }).id;
    const web = webClientFor(slack, { fetch: rateLimitedFetch(limiter, { apiUrl: slack.apiUrl, timeoutMs: 1000, logger }) });
    const answer = await web.users.info({ user });
    expect(answer.user?.id).toBe(user);
  });

  it('puts a call made for a person ahead of background calls waiting for the same method', async () => {
    const limiter = new SlackRateLimiter();
    const web = client(limiter);
    const channel = slack.addChannel({ name: 'ops', members: [slack.bot.userId] }).id;
    const ts = (await web.chat.postMessage({ channel, text: 'card' })).ts as string;
    limiter.penalize('chat.update', undefined, 1000);
    const order: string[] = [];
    const background = [1, 2, 3].map((n) =>
      runWithPriority('background', () => web.chat.update({ channel, ts, text: `background ${n}` })).then(() => order.push(`background ${n}`)),
    );
    const person = runWithPriority('interactive', () => web.chat.update({ channel, ts, text: 'person' })).then(() => order.push('person'));
    await Promise.all([...background, person]);
    expect(order[0]).toBe('person');
  });

  it('leaves calls that are not Web API methods (file uploads) alone', async () => {
    const limiter = new SlackRateLimiter();
    const fetchThrough = rateLimitedFetch(limiter, { apiUrl: slack.apiUrl, timeoutMs: 1000, logger });
    const answer = await fetchThrough(`${slack.baseUrl}/nowhere`, { method: 'POST', body: 'x' });
    expect(answer.status).toBe(404);
    expect(limiter.queued).toBe(0);
  });
});
