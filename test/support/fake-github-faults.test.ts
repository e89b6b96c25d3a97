import { FakeGitHub } from '../../tools/fake-trackers/github';
import { callGitHub, invalidAnswers, WebhookReceiver, type CallOptions } from './fake-github-helpers';

/**
 * Rate limits and failures the bot must survive, injected into the fake GitHub: GitHub's headers
 * and bodies for each, and the "lost answer" where a change happens but its answer never arrives.
 */

const REPO = 'acme/incidents';
const START = new Date('2026-05-04T09:00:00Z');
const START_SECONDS = START.getTime() / 1000;

let github: FakeGitHub;

const call = (method: string, urlPath: string, options?: CallOptions) => callGitHub(github, method, urlPath, options);
const create = (title = 'Add a DNS alert') => call('POST', `/repos/${REPO}/issues`, { body: { title } });

beforeEach(async () => {
  github = await FakeGitHub.start({ now: START, repositories: [{ fullName: REPO }], rateLimits: { core: 10 } });
});

afterEach(async () => {
  expect(invalidAnswers(github)).toEqual([]);
  expect(github.problems).toEqual([]);
  await github.stop();
});

it('reports the primary rate limit on every answer, and refuses once it is used up until it resets', async () => {
  const first = await call('GET', `/repos/${REPO}`);
  expect(Object.fromEntries([...first.headers].filter(([name]) => name.startsWith('x-ratelimit-')))).toEqual({
    'x-ratelimit-limit': '10',
    'x-ratelimit-remaining': '9',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(START_SECONDS + 3600),
    'x-ratelimit-resource': 'core',
  });
  for (let i = 0; i < 9; i += 1) await call('GET', `/repos/${REPO}`);

  const refused = await call('GET', `/repos/${REPO}`);
  expect(refused.status).toBe(403);
  expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(refused.json.message).toMatch(/^API rate limit exceeded for user ID \d+\.$/);

  github.advanceTime(3600_000);
  expect((await call('GET', `/repos/${REPO}`)).status).toBe(200);
});

it('answers 429 with Retry-After as many times as asked, then succeeds', async () => {
  github.injectFault('issues/create', { status: 429, retryAfterSeconds: 30, times: 2 });

  for (let attempt = 0; attempt < 2; attempt += 1) {
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.headers.get('x-ratelimit-remaining')).not.toBeNull();
    expect(limited.json.message).toMatch(/secondary rate limit/);
  }
  const ok = await create();
  expect(ok.status).toBe(201);
  expect(github.issues(REPO)).toHaveLength(1);
  expect(github.callsTo('issues/create').map((c) => c.status)).toEqual([429, 429, 201]);
});

it('answers a secondary limit as 403, and a primary one with remaining 0 and a reset time', async () => {
  github.injectFault('any', { status: 403 });
  const secondary = await call('GET', `/repos/${REPO}/issues`);
  expect(secondary.status).toBe(403);
  expect(secondary.headers.get('retry-after')).toBe('60');

  github.injectFault('issues/list-for-repo', { status: 403, limit: 'primary', retryAfterSeconds: 120 });
  const primary = await call('GET', `/repos/${REPO}/issues`);
  expect(primary.status).toBe(403);
  expect(primary.headers.get('retry-after')).toBeNull();
  expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(primary.headers.get('x-ratelimit-reset')).toBe(String(START_SECONDS + 120));

  expect((await call('GET', `/repos/${REPO}/issues`)).status).toBe(200);
});

it('fails with 500 in JSON and 502 as GitHub’s HTML page, changing nothing', async () => {
  github.injectFault('issues/create', { status: 500 });
  github.injectFault('issues/create', { status: 502 });

  const serverError = await create();
  expect(serverError.status).toBe(500);
  expect(serverError.json.message).toBe('Server Error');

  const badGateway = await create();
  expect(badGateway.status).toBe(502);
  expect(badGateway.headers.get('content-type')).toMatch(/^text\/html/);
  expect(badGateway.text).toContain('Unicorn!');

  expect(github.issues(REPO)).toEqual([]);
});

it('applies the change and drops the connection when the answer is lost; webhooks still go out', async () => {
  const receiver = await WebhookReceiver.start();
  try {
    github.subscribe(receiver.url, 'secret');
    github.injectFault('issues/create', { status: 'lost-answer' });

    await expect(create('Rotate keys')).rejects.toThrow();
    expect(github.issues(REPO).map((i) => i.title)).toEqual(['Rotate keys']);
    expect(github.callsTo('issues/create').map((c) => c.status)).toEqual(['lost-answer']);

    // A client that retries blindly creates a duplicate: exactly what the bot must avoid.
    await create('Rotate keys');
    expect(github.issues(REPO)).toHaveLength(2);

    await github.webhooksDelivered();
    expect(receiver.received.map((r) => JSON.parse(r.body).action)).toEqual(['opened', 'opened']);
  } finally {
    await receiver.close();
  }
});

it('drops the connection before anything changes on a reset', async () => {
  github.injectFault('issues/create', { status: 'reset' });
  await expect(create()).rejects.toThrow();
  expect(github.issues(REPO)).toEqual([]);
  expect(github.callsTo('issues/create').map((c) => c.status)).toEqual(['reset']);
});

it('never answers on a timeout, until the client gives up', async () => {
  github.injectFault('issues/get', { status: 'timeout' });
  const held = github.nextCall('issues/get');
  const controller = new AbortController();
  const pending = call('GET', `/repos/${REPO}/issues/1`, { signal: controller.signal });

  expect(await held).toMatchObject({ operationId: 'issues/get', status: 'timeout' });
  controller.abort();
  await expect(pending).rejects.toThrow(/abort/i);
});

it('refuses a request without a User-Agent, and an API version it does not describe', async () => {
  const res = await fetch(`${github.url}/user`, { headers: { authorization: `Bearer ${github.token}`, 'user-agent': '' } });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('User-Agent');

  const newer = await call('GET', '/user', { headers: { 'x-github-api-version': '2026-03-10' } });
  expect(newer.status).toBe(400);
  expect(github.problems).toEqual(['users/get-authenticated was called with X-GitHub-Api-Version 2026-03-10; the reference data describes 2022-11-28']);
  github.problems.length = 0;
});
