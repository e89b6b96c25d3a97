import { createHmac, timingSafeEqual } from 'node:crypto';
import { FakeGitHub, HOOKSHOT_USER_AGENT, webhookPayloadProblems, webhookSignatures } from '../../tools/fake-trackers/github';
import { callGitHub, invalidAnswers, WebhookReceiver, type CallOptions } from './fake-github-helpers';

/**
 * The fake GitHub's webhooks, received by a local endpoint standing in for the bot's
 * `POST /trackers/github`: what arrives, how it is signed, and what a test can do to deliveries.
 */

const REPO = 'acme/incidents';
const SECRET = 'webhook-secret-for-tests';

let github: FakeGitHub;
let receiver: WebhookReceiver;

const call = (method: string, urlPath: string, options?: CallOptions) => callGitHub(github, method, urlPath, options);

/** The check the bot must make: HMAC-SHA256 of the raw body with the secret, compared in constant time. */
function signatureIsValid(body: string, header: string | string[] | undefined, secret = SECRET): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const payloads = () => receiver.received.map((r) => JSON.parse(r.body) as any);
const events = () => receiver.received.map((r) => `${String(r.headers['x-github-event'])} ${JSON.parse(r.body).action as string}`);

beforeEach(async () => {
  receiver = await WebhookReceiver.start();
  github = await FakeGitHub.start({
    users: [{ login: 'alice' }, { login: 'bob' }],
    repositories: [{ fullName: REPO }],
  });
  github.subscribe(receiver.url, SECRET);
});

afterEach(async () => {
  await github.webhooksDelivered();
  expect(invalidAnswers(github)).toEqual([]);
  expect(github.problems).toEqual([]);
  await github.stop();
  await receiver.close();
});

it('signs like GitHub: its documented test vector', () => {
  expect(webhookSignatures("It's a Secret to Everybody", 'Hello, World!').sha256).toBe(
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
  );
});

it('delivers `issues opened` with GitHub headers, a valid signature and a payload that validates', async () => {
  const created = await call('POST', `/repos/${REPO}/issues`, { body: { title: 'Add a DNS alert', assignees: ['alice'] } });
  const deliveries = await github.webhooksDelivered();

  expect(events()).toEqual(['issues opened', 'issues assigned']);
  const [opened] = receiver.received;
  expect(opened!.headers).toMatchObject({
    'content-type': 'application/json',
    'user-agent': HOOKSHOT_USER_AGENT,
    'x-github-event': 'issues',
    'x-github-hook-installation-target-type': 'repository',
  });
  expect(opened!.headers['x-github-delivery']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(opened!.headers['x-github-hook-id']).toBe(String(deliveries[0]!.hookId));
  expect(signatureIsValid(opened!.body, opened!.headers['x-hub-signature-256'])).toBe(true);
  expect(signatureIsValid(opened!.body, opened!.headers['x-hub-signature-256'], 'another secret')).toBe(false);
  expect(opened!.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);

  const [openedPayload, assignedPayload] = payloads();
  expect(webhookPayloadProblems('issues', 'opened', openedPayload)).toEqual([]);
  expect(webhookPayloadProblems('issues', 'assigned', assignedPayload)).toEqual([]);
  expect(openedPayload).toMatchObject({ action: 'opened', issue: { id: created.json.id, number: 1 }, repository: { full_name: REPO }, sender: { login: 'postmortem-bot' } });
  expect(assignedPayload).toMatchObject({ action: 'assigned', assignee: { login: 'alice' } });
  expect(deliveries.map((d) => [d.outcome, d.status])).toEqual([
    ['delivered', 200],
    ['delivered', 200],
  ]);
});

it('announces what a person does on GitHub: close, reopen, edit, assign, unassign, comment', async () => {
  github.createIssueAsUser(REPO, 'alice', { title: 'Runbook for DNS', body: 'Due: 2026-05-18' });
  github.editAsUser(REPO, 1, 'alice', { body: 'Due: 2026-06-01' });
  github.assignAsUser(REPO, 1, 'alice', ['bob']);
  github.unassignAsUser(REPO, 1, 'alice', ['bob']);
  github.commentAsUser(REPO, 1, 'bob', 'Not needed any more.');
  github.closeAsUser(REPO, 1, 'bob', 'not_planned');
  github.reopenAsUser(REPO, 1, 'alice');
  await github.webhooksDelivered();

  expect(events()).toEqual([
    'issues opened',
    'issues edited',
    'issues assigned',
    'issues unassigned',
    'issue_comment created',
    'issues closed',
    'issues reopened',
  ]);
  for (const [i, payload] of payloads().entries()) {
    const event = String(receiver.received[i]!.headers['x-github-event']);
    expect(webhookPayloadProblems(event, payload.action, payload)).toEqual([]);
    expect(signatureIsValid(receiver.received[i]!.body, receiver.received[i]!.headers['x-hub-signature-256'])).toBe(true);
  }
  const byAction = Object.fromEntries(payloads().map((p) => [p.action, p]));
  expect(byAction.edited.changes).toEqual({ body: { from: 'Due: 2026-05-18' } });
  expect(byAction.closed).toMatchObject({ issue: { state: 'closed', state_reason: 'not_planned', closed_by: { login: 'bob' } }, sender: { login: 'bob' } });
  expect(byAction.created).toMatchObject({ comment: { body: 'Not needed any more.', user: { login: 'bob' } }, issue: { number: 1 } });
  expect(byAction.reopened.issue).toMatchObject({ state: 'open', state_reason: 'reopened' });
});

it('announces API changes too, one event per assignee changed', async () => {
  await call('POST', `/repos/${REPO}/issues`, { body: { title: 'x', assignees: ['alice'] } });
  await call('PATCH', `/repos/${REPO}/issues/1`, { body: { title: 'y', assignees: ['bob'], state: 'closed', state_reason: 'completed' } });
  await call('POST', `/repos/${REPO}/issues/1/comments`, { body: { body: 'Closed from INC-7.' } });
  await github.webhooksDelivered();

  expect(events()).toEqual(['issues opened', 'issues assigned', 'issues edited', 'issues unassigned', 'issues assigned', 'issues closed', 'issue_comment created']);
  expect(payloads()[2].changes).toEqual({ title: { from: 'x' } });
});

it('loses a dropped webhook, and redelivers it later with the same GUID and signature', async () => {
  github.dropWebhooks(1);
  github.closeAsUser(REPO, github.createIssueAsUser(REPO, 'alice', { title: 'x' }).number, 'alice');
  await github.webhooksDelivered();

  expect(events()).toEqual(['issues closed']);
  const missed = github.deliveries.find((d) => d.action === 'opened')!;
  expect(missed.outcome).toBe('dropped');

  const again = await github.redeliver(missed.guid);
  expect(again).toMatchObject({ redelivery: true, outcome: 'delivered', status: 200, guid: missed.guid });
  const last = receiver.received.at(-1)!;
  expect(last.headers['x-github-delivery']).toBe(missed.guid);
  expect(last.body).toBe(missed.body);
  expect(signatureIsValid(last.body, last.headers['x-hub-signature-256'])).toBe(true);
});

it('records what the receiver answered, and a receiver that cannot be reached', async () => {
  receiver.status = 401;
  github.createIssueAsUser(REPO, 'alice', { title: 'x' });
  expect((await github.webhooksDelivered()).map((d) => [d.outcome, d.status])).toEqual([['delivered', 401]]);

  await receiver.close();
  github.closeAsUser(REPO, 1, 'alice');
  const [, unreachable] = await github.webhooksDelivered();
  expect(unreachable).toMatchObject({ action: 'closed', outcome: 'failed' });
  receiver = await WebhookReceiver.start(); // for afterEach
});

it('sends only what a hook subscribed to, without a signature when it has no secret', async () => {
  const other = await WebhookReceiver.start();
  try {
    github.subscribe(other.url, undefined, { events: ['issue_comment'] });
    github.createIssueAsUser(REPO, 'alice', { title: 'x' });
    github.commentAsUser(REPO, 1, 'bob', 'hello');
    await github.webhooksDelivered();

    expect(other.received.map((r) => r.headers['x-github-event'])).toEqual(['issue_comment']);
    expect(other.received[0]!.headers['x-hub-signature-256']).toBeUndefined();
    expect(events()).toEqual(['issues opened', 'issue_comment created']);
  } finally {
    await other.close();
  }
});
