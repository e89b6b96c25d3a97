import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubTrackerConfig } from '../../src/config';
import { GitHubTracker } from '../../src/trackers/github/github-tracker';
import { itemMarker, type IssueContent, type WebhookRequest } from '../../src/trackers/tracker';
import { FakeGitHub } from '../../tools/fake-trackers/github';
import { invalidAnswers } from '../support/fake-github-helpers';

/**
 * GitHub's webhooks as the adapter reads them: real deliveries from the fake GitHub, caught by a
 * local endpoint, then verified and read, plus the deliveries it must refuse or ignore.
 */

const REPO = 'acme/incidents';
const SECRET = 'webhook-secret-for-the-tracker-tests';

let github: FakeGitHub;
let server: Server;
let received: WebhookRequest[];

function trackerFor(overrides: Partial<GitHubTrackerConfig> = {}): GitHubTracker {
  return new GitHubTracker({ kind: 'github', token: github.token, owner: 'acme', repo: 'incidents', apiUrl: github.url, webhookSecret: SECRET, userMap: {}, ...overrides });
}

function content(overrides: Partial<IssueContent> = {}): IssueContent {
  return { title: 'Add an alert', lines: [{ label: 'Due', text: '2026-05-18' }], marker: itemMarker(randomUUID()), labels: ['incident'], dueDate: '2026-05-18', assignee: null, ...overrides };
}

/** The deliveries so far, as the bot's route hands them over: headers in lower case, the raw body. */
async function deliveries(): Promise<WebhookRequest[]> {
  await github.webhooksDelivered();
  return received.splice(0);
}

function signed(event: string, payload: string, secret = SECRET): WebhookRequest {
  const body = Buffer.from(payload);
  return {
    headers: { 'x-github-event': event, 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` },
    body,
  };
}

beforeEach(async () => {
  received = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
      received.push({ headers, body: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  github = await FakeGitHub.start({
    users: [{ login: 'alice' }, { login: 'bob' }],
    repositories: [{ fullName: REPO }, { fullName: 'acme/other' }],
  });
  github.subscribe(`http://127.0.0.1:${(server.address() as AddressInfo).port}/trackers/github`, SECRET);
});

afterEach(async () => {
  await github.webhooksDelivered();
  expect(invalidAnswers(github)).toEqual([]);
  expect(github.problems).toEqual([]);
  await github.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('reads the bot’s own changes as its own, once check() has learned who it is', async () => {
  const tracker = trackerFor();
  await tracker.check();
  const item = content({ assignee: 'alice' });
  await tracker.create(item);

  const readings = (await deliveries()).map((d) => tracker.readWebhook(d));
  expect(readings).toEqual([
    { kind: 'changes', changes: [{ issue: expect.objectContaining({ key: '1', state: 'open', marker: item.marker }), actorName: '@postmortem-bot', byBot: true }] },
    { kind: 'changes', changes: [{ issue: expect.objectContaining({ key: '1', assignee: 'alice' }), actorName: '@postmortem-bot', byBot: true }] },
  ]);
});

it('reads what people do on GitHub: close, reopen, assign, edit', async () => {
  const tracker = trackerFor();
  await tracker.check();
  const item = content();
  await tracker.create(item);
  await deliveries();

  github.closeAsUser(REPO, 1, 'alice', 'not_planned');
  github.reopenAsUser(REPO, 1, 'bob');
  github.assignAsUser(REPO, 1, 'alice', ['bob']);
  github.unassignAsUser(REPO, 1, 'alice', ['bob']);
  github.closeAsUser(REPO, 1, 'bob');
  github.editAsUser(REPO, 1, 'bob', { title: 'Renamed' });

  const changes = (await deliveries()).map((d) => {
    const reading = tracker.readWebhook(d);
    if (reading.kind !== 'changes') throw new Error(`expected changes, got ${JSON.stringify(reading)}`);
    return reading.changes.map((c) => [c.actorName, c.byBot, c.issue.state, c.issue.assignee, c.issue.marker]);
  });
  expect(changes).toEqual([
    [['@alice', false, 'not_planned', null, item.marker]],
    [['@bob', false, 'open', null, item.marker]],
    [['@alice', false, 'open', 'bob', item.marker]],
    [['@alice', false, 'open', null, item.marker]],
    [['@bob', false, 'done', null, item.marker]],
    [['@bob', false, 'done', null, item.marker]],
  ]);
});

it('does not know its own changes before check()', async () => {
  const tracker = trackerFor();
  await tracker.create(content());
  const [opened] = await deliveries();
  expect(tracker.readWebhook(opened!)).toMatchObject({ kind: 'changes', changes: [{ actorName: '@postmortem-bot', byBot: false }] });
});

it('ignores people’s own issues, comments, other repositories and pings', async () => {
  const tracker = trackerFor();
  await tracker.create(content());
  await deliveries();

  github.createIssueAsUser(REPO, 'alice', { title: 'Not an action item', labels: ['incident'] });
  github.commentAsUser(REPO, 1, 'bob', 'Any news?');
  github.createIssueAsUser('acme/other', 'alice', { title: 'Elsewhere', body: `<!-- ${itemMarker(randomUUID())} -->` });
  const readings = (await deliveries()).map((d) => tracker.readWebhook(d));
  expect(readings).toEqual([
    { kind: 'ignored', reason: `${REPO}#2 is not an action item's issue (no marker)` },
    { kind: 'ignored', reason: 'issue_comment events are not followed' },
    { kind: 'ignored', reason: `the change is in acme/other, not ${REPO}` },
  ]);
  expect(tracker.readWebhook(signed('ping', JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 })))).toEqual({ kind: 'ignored', reason: 'ping' });
  expect(tracker.readWebhook(signed('issues', JSON.stringify({ action: 'labeled' })))).toMatchObject({ kind: 'ignored' });
});

it('ignores a signed body that is not JSON or not an issue', () => {
  const tracker = trackerFor();
  expect(tracker.readWebhook(signed('issues', '{"action":'))).toEqual({ kind: 'ignored', reason: 'the body is not JSON' });
  expect(tracker.readWebhook(signed('issues', JSON.stringify({ action: 'closed', issue: { number: 'one' } })))).toMatchObject({ kind: 'ignored' });
});

it('refuses a forged delivery, one signed with another secret, and any without a secret set', async () => {
  const tracker = trackerFor();
  await tracker.create(content());
  const [opened] = await deliveries();
  expect(tracker.readWebhook(opened!)).toMatchObject({ kind: 'changes' });

  const tampered = Buffer.from(opened!.body.toString('utf8').replace('"open"', '"closed"'));
  expect(tracker.readWebhook({ ...opened!, body: tampered })).toMatchObject({ kind: 'forged' });
  expect(trackerFor({ webhookSecret: 'another-secret-of-enough-length' }).readWebhook(opened!)).toMatchObject({ kind: 'forged' });
  expect(trackerFor({ webhookSecret: undefined }).readWebhook(opened!)).toEqual({ kind: 'forged', reason: 'GITHUB_WEBHOOK_SECRET is not set' });

  const { 'x-hub-signature-256': _, ...unsigned } = opened!.headers;
  expect(tracker.readWebhook({ headers: unsigned, body: opened!.body })).toMatchObject({ kind: 'forged' });
  expect(tracker.readWebhook({ headers: { ...opened!.headers, 'x-hub-signature-256': 'sha256=00' }, body: opened!.body })).toMatchObject({ kind: 'forged' });
  expect(tracker.readWebhook(signed('issues', opened!.body.toString('utf8'), 'another-secret-of-enough-length'))).toMatchObject({ kind: 'forged' });
});
