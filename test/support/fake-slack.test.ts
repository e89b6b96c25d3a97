import { ErrorCode, type WebClient } from '@slack/web-api';
import { FakeSlack } from '../../tools/fake-slack';
import { rawCall, webClientFor } from '../../tools/harness/web-client';

/** The fake's Web API transport: decoding, auth, scopes, required arguments, recording, faults. */
describe('FakeSlack Web API transport', () => {
  let slack: FakeSlack;
  let client: WebClient;
  let alice: string;
  let general: string;

  beforeEach(async () => {
    slack = await FakeSlack.start();
    client = webClientFor(slack);
    alice = slack.addUser({ name: 'alice' }).id;
    general = slack.addChannel({ name: 'general', members: [alice, slack.bot.userId] }).id;
  });
  afterEach(() => slack.stop());

  it('serves WebClient at apiUrl and identifies the bot through auth.test', async () => {
    expect(slack.apiUrl).toBe(`${slack.baseUrl}/api/`);
    const auth = await client.auth.test();
    expect(auth).toMatchObject({
      ok: true,
      team_id: 'T0000TEST',
      user_id: slack.bot.userId,
      bot_id: slack.bot.botId,
      url: 'https://fake.slack.com/',
    });
  });

  it('decodes form bodies, with JSON-encoded blocks, as WebClient sends them', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    await client.chat.postMessage({ channel: general, text: 'hi', blocks });
    const [call] = slack.callsTo('chat.postMessage');
    expect(call?.args.blocks).toEqual(blocks);
    expect(call?.token).toBe(slack.botToken);
    expect(slack.messages(general)[0]?.blocks?.[0]?.text).toEqual(blocks[0]?.text);
  });

  it('decodes JSON bodies, taking the token from the Authorization header only', async () => {
    const body = JSON.stringify({ channel: general, text: 'from json', blocks: [{ type: 'divider' }] });
    const ok = await rawCall(slack, 'chat.postMessage', { body, contentType: 'application/json; charset=utf-8' });
    expect(ok.body).toMatchObject({ ok: true, channel: general });
    expect(slack.messages(general).map((m) => m.text)).toEqual(['from json']);

    const tokenInBody = JSON.stringify({ token: slack.botToken, channel: general, text: 'x' });
    const refused = await rawCall(slack, 'chat.postMessage', { body: tokenInBody, contentType: 'application/json', token: null });
    expect(refused.body).toEqual({ ok: false, error: 'not_authed' });
  });

  it('accepts the token as a form argument and GET with a query string for read methods', async () => {
    const form = new URLSearchParams({ token: slack.botToken, user: alice }).toString();
    const viaForm = await rawCall(slack, 'users.info', { body: form, contentType: 'application/x-www-form-urlencoded', token: null });
    expect(viaForm.body).toMatchObject({ ok: true, user: { id: alice, name: 'alice' } });

    const viaGet = await rawCall(slack, 'conversations.info', { httpMethod: 'GET', query: `channel=${general}` });
    expect(viaGet.body).toMatchObject({ ok: true, channel: { id: general, name: 'general', is_member: true } });
  });

  it('answers JSON with charset and Slack scope headers, errors included, as HTTP 200', async () => {
    const response = await rawCall(slack, 'chat.postMessage', { body: `channel=${general}`, contentType: 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-accepted-oauth-scopes')).toBe('chat:write');
    expect(response.body).toEqual({ ok: false, error: 'no_text' });
  });

  it('knows only the methods in the reference data', async () => {
    const response = await rawCall(slack, 'chat.postMessagez', { body: '' });
    expect(response.body).toEqual({ ok: false, error: 'unknown_method' });
    await expect(client.apiCall('conversations.list')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('refuses a missing token with not_authed and a wrong one with invalid_auth', async () => {
    expect((await rawCall(slack, 'auth.test', { token: null })).body).toEqual({ ok: false, error: 'not_authed' });
    await expect(webClientFor(slack, { token: 'xoxb-wrong' }).auth.test()).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'invalid_auth' },
    });
  });

  it('refuses a missing required argument as invalid_arguments naming the field', async () => {
    await expect(client.apiCall('users.info', {})).rejects.toMatchObject({
      data: {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] missing required field: user'] },
      },
    });
  });

  it('records every call, refused ones included, and forgets them on reset', async () => {
    await client.chat.postMessage({ channel: general, text: 'kept' });
    await client.users.info({ user: 'U_NOPE' }).catch(() => undefined);
    expect(slack.calls.map((c) => [c.method, c.ok, c.error])).toEqual([
      ['chat.postMessage', true, undefined],
      ['users.info', false, 'user_not_found'],
    ]);
    expect(slack.calls[1]?.args).toEqual({ user: 'U_NOPE' });
    slack.reset();
    expect(slack.calls).toEqual([]);
    expect(slack.messages(general).map((m) => m.text)).toEqual(['kept']);
  });
});

describe('FakeSlack scopes', () => {
  let slack: FakeSlack;
  afterEach(() => slack.stop());

  it('refuses a method when none of its scopes is granted, saying which one it needs', async () => {
    slack = await FakeSlack.start({ scopes: ['commands', 'users:read'] });
    const channel = slack.addChannel({ name: 'ops', members: [slack.bot.userId] }).id;
    await expect(webClientFor(slack).chat.postMessage({ channel, text: 'x' })).rejects.toMatchObject({
      data: { ok: false, error: 'missing_scope', needed: 'chat:write', provided: 'commands,users:read' },
    });
    expect(slack.callsTo('chat.postMessage')[0]).toMatchObject({ ok: false, error: 'missing_scope' });
  });

  it('needs no scope for views methods and accepts any one of several scopes', async () => {
    slack = await FakeSlack.start({ scopes: ['commands', 'channels:manage'] });
    const client = webClientFor(slack);
    const alice = slack.addUser({ name: 'alice' }).id;
    await expect(client.views.publish({ user_id: alice, view: { type: 'home', blocks: [] } })).resolves.toMatchObject({ ok: true });
    await expect(client.conversations.create({ name: 'inc-1' })).resolves.toMatchObject({ ok: true });
  });

  it('checks conversation scopes per conversation type, as Slack does', async () => {
    slack = await FakeSlack.start({ scopes: ['channels:history', 'channels:manage'] });
    const client = webClientFor(slack);
    const pub = slack.addChannel({ name: 'public', members: [slack.bot.userId] }).id;
    const priv = slack.addChannel({ name: 'secret', isPrivate: true, members: [slack.bot.userId] }).id;
    await expect(client.conversations.history({ channel: pub })).resolves.toMatchObject({ ok: true });
    await expect(client.conversations.history({ channel: priv })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'groups:history' },
    });
  });
});

describe('FakeSlack faults', () => {
  let slack: FakeSlack;
  let client: WebClient;
  beforeEach(async () => {
    slack = await FakeSlack.start();
    client = webClientFor(slack);
  });
  afterEach(() => slack.stop());

  it('rate limits with HTTP 429, a Retry-After header and ratelimited', async () => {
    slack.injectFault('auth.test', { kind: 'rate_limited', retryAfterSeconds: 7 });
    const limited = await rawCall(slack, 'auth.test');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    expect((await rawCall(slack, 'auth.test')).status).toBe(200);
    expect(slack.callsTo('auth.test').map((c) => c.status)).toEqual([429, 200]);
  });

  it('lets WebClient see a rate limit it is told to reject', async () => {
    slack.injectFault('*', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const rejecting = webClientFor(slack, { rejectRateLimitedCalls: true });
    await expect(rejecting.auth.test()).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
  });

  it('fails with an HTTP error status, as in an outage', async () => {
    slack.injectFault('users.list', { kind: 'http_error', status: 503 });
    await expect(client.users.list({})).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    await expect(client.users.list({})).resolves.toMatchObject({ ok: true });
  });

  it('answers slowly, then normally', async () => {
    slack.injectFault('auth.test', { kind: 'slow', delayMs: 250 });
    const started = Date.now();
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('returns a chosen Slack error for the next `times` calls, in injection order', async () => {
    slack.injectFault('auth.test', { kind: 'error', error: 'internal_error' }, { times: 2 });
    slack.injectFault('auth.test', { kind: 'error', error: 'fatal_error' });
    const errors: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await rawCall(slack, 'auth.test');
      errors.push(String((result.body as Record<string, unknown>).error ?? 'ok'));
    }
    expect(errors).toEqual(['internal_error', 'internal_error', 'fatal_error', 'ok']);
  });

  it("applies '*' faults to any method", async () => {
    slack.injectFault('*', { kind: 'http_error', status: 500 });
    expect((await rawCall(slack, 'team.info')).status).toBe(500);
    expect((await rawCall(slack, 'team.info')).status).toBe(200);
  });
});
