import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubTrackerConfig } from '../../src/config';
import { GitHubTracker } from '../../src/trackers/github/github-tracker';
import { itemMarker, type IssueContent } from '../../src/trackers/tracker';
import { TrackerError } from '../../src/trackers/tracker-error';
import { FakeGitHub } from '../../tools/fake-trackers/github';
import { invalidAnswers } from '../support/fake-github-helpers';

/**
 * The GitHub Issues adapter against the fake GitHub: start-up checks, finding people's accounts,
 * filing and changing issues, the poll's list, and every way a call can fail.
 */

const REPO = 'acme/incidents';
const TOKEN = 'ghp_botTokenForTheTrackerTests0000000000';
// Real time, to the second: GitHub's timestamps and rate-limit resets are in seconds from now.
const START = new Date(Math.floor(Date.now() / 1000) * 1000);

let github: FakeGitHub;

function configFor(overrides: Partial<GitHubTrackerConfig> = {}): GitHubTrackerConfig {
  return {
    kind: 'github',
    token: TOKEN,
    owner: 'acme',
    repo: 'incidents',
    apiUrl: github.url,
    userMap: { u0bob: 'bob', 'dana@acme.example': 'alice', u0mallory: 'mallory' },
    ...overrides,
  };
}

const trackerFor = (overrides: Partial<GitHubTrackerConfig> = {}, options?: { timeoutMs?: number; fetch?: typeof fetch }) =>
  new GitHubTracker(configFor(overrides), options);

function content(overrides: Partial<IssueContent> = {}): IssueContent {
  return {
    title: 'Add an alert on DNS error rate',
    lines: [
      { label: 'Incident', text: 'INC-7 DNS outage', url: 'https://slack.example/archives/C1/p1' },
      { label: 'Owner', text: 'Alice Martin' },
      { label: 'Due', text: '2026-05-18' },
    ],
    marker: itemMarker(randomUUID()),
    labels: ['incident', 'postmortem'],
    dueDate: '2026-05-18',
    assignee: null,
    ...overrides,
  };
}

/** The error a call rejected with, checked to be a `TrackerError`. */
async function failureOf(promise: Promise<unknown>): Promise<TrackerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrackerError);
  const failure = error as TrackerError;
  expect(failure.message).not.toContain(TOKEN);
  expect(failure.message).not.toContain('\n');
  return failure;
}

beforeEach(async () => {
  github = await FakeGitHub.start({
    now: START,
    users: [
      { login: 'alice', name: 'Alice Martin', email: 'alice@example.com' },
      { login: 'bob', privateEmail: 'bob@acme.example' },
      { login: 'carol', email: 'carol@example.com' },
      { login: 'mallory' },
    ],
    repositories: [
      { fullName: REPO, collaborators: ['alice', 'bob', 'postmortem-bot'] },
      { fullName: 'acme/no-issues', hasIssues: false },
      { fullName: 'acme/old', archived: true },
    ],
    tokens: [
      { token: TOKEN, login: 'postmortem-bot' },
      { token: 'ghp_readOnlyToken', login: 'auditor', permission: 'read' },
    ],
  });
});

afterEach(async () => {
  expect(invalidAnswers(github)).toEqual([]);
  expect(github.problems).toEqual([]);
  await github.stop();
});

describe('check', () => {
  it('says where issues go and as whom', async () => {
    await expect(trackerFor().check()).resolves.toEqual({ where: REPO, account: '@postmortem-bot' });
    const [call] = github.callsTo('users/get-authenticated');
    expect(call).toMatchObject({ status: 200 });
  });

  it('refuses a bad token in one line, without the token', async () => {
    const error = await failureOf(trackerFor({ token: 'ghp_wrong' }).check());
    expect(error).toMatchObject({ failure: 'permanent', message: 'GITHUB_TOKEN was refused (bad credentials)' });
    expect(error.message).not.toContain('ghp_wrong');
  });

  it('refuses a repository the token cannot see', async () => {
    const error = await failureOf(trackerFor({ repo: 'missing' }).check());
    expect(error.failure).toBe('permanent');
    expect(error.message).toMatch(/^repository acme\/missing not found or not visible to the token/);
  });

  it('refuses a repository without issues, an archived one, and a token that cannot triage', async () => {
    expect((await failureOf(trackerFor({ repo: 'no-issues' }).check())).message).toMatch(/issues are turned off in repository acme\/no-issues/);
    expect((await failureOf(trackerFor({ repo: 'old' }).check())).message).toMatch(/repository acme\/old is archived/);
    const readOnly = await failureOf(trackerFor({ token: 'ghp_readOnlyToken' }).check());
    expect(readOnly).toMatchObject({ failure: 'permanent' });
    expect(readOnly.message).toMatch(/@auditor cannot assign or close issues in acme\/incidents/);
  });

  it('keeps a rate limit a rate limit', async () => {
    github.injectFault('repos/get', { status: 429, retryAfterSeconds: 5 });
    await expect(failureOf(trackerFor().check())).resolves.toMatchObject({ failure: 'rate_limited', details: { retryAfterMs: 5000 } });
  });
});

describe('accountFor', () => {
  it('reads the mapping file by Slack id first, then by email', async () => {
    const tracker = trackerFor();
    await expect(tracker.accountFor({ slackUserId: 'U0BOB', email: 'dana@acme.example' })).resolves.toBe('bob');
    await expect(tracker.accountFor({ slackUserId: 'U0DANA', email: 'Dana@ACME.example' })).resolves.toBe('alice');
    expect(github.callsTo('search/users')).toHaveLength(0);
    expect(github.callsTo('issues/check-user-can-be-assigned').map((c) => c.path)).toEqual([
      `/repos/${REPO}/assignees/bob`,
      `/repos/${REPO}/assignees/alice`,
    ]);
  });

  it('finds a public email with GitHub’s user search', async () => {
    await expect(trackerFor().accountFor({ slackUserId: 'U0ALICE', email: 'alice@example.com' })).resolves.toBe('alice');
    expect(github.callsTo('search/users')).toHaveLength(1);
  });

  it('gives null for nobody found, a private email, no email, and someone who cannot be assigned', async () => {
    const tracker = trackerFor();
    await expect(tracker.accountFor({ slackUserId: 'U0NOBODY', email: 'nobody@example.com' })).resolves.toBeNull();
    await expect(tracker.accountFor({ slackUserId: 'U0BOB2', email: 'bob@acme.example' })).resolves.toBeNull();
    await expect(tracker.accountFor({ slackUserId: 'U0NOMAIL', email: null })).resolves.toBeNull();
    await expect(tracker.accountFor({ slackUserId: 'U0CAROL', email: 'carol@example.com' })).resolves.toBeNull();
    await expect(tracker.accountFor({ slackUserId: 'U0MALLORY', email: null })).resolves.toBeNull();
    expect(github.callsTo('issues/check-user-can-be-assigned').map((c) => c.status)).toEqual([404, 404]);
  });

  it('keeps answers for a while, "none" included', async () => {
    const tracker = trackerFor();
    for (let i = 0; i < 3; i += 1) {
      await expect(tracker.accountFor({ slackUserId: 'U0ALICE', email: 'alice@example.com' })).resolves.toBe('alice');
      await expect(tracker.accountFor({ slackUserId: 'U0NOBODY', email: 'nobody@example.com' })).resolves.toBeNull();
    }
    expect(github.callsTo('search/users')).toHaveLength(2);
    expect(github.callsTo('issues/check-user-can-be-assigned')).toHaveLength(1);
  });
});

describe('filing and changing issues', () => {
  it('creates the issue with its body, labels and assignee', async () => {
    const tracker = trackerFor();
    const item = content({ assignee: 'alice' });
    const issue = await tracker.create(item);

    expect(issue).toEqual({
      key: '1',
      label: `${REPO}#1`,
      url: github.issue(REPO, 1).htmlUrl,
      state: 'open',
      assignee: 'alice',
      dueDate: null,
      marker: item.marker,
      updatedAt: START,
    });
    expect(github.issue(REPO, 1)).toMatchObject({
      title: 'Add an alert on DNS error rate',
      body: [
        '**Incident:** [INC-7 DNS outage](https://slack.example/archives/C1/p1)',
        '**Owner:** Alice Martin',
        '**Due:** 2026-05-18',
        `<!-- ${item.marker} -->`,
      ].join('\n\n'),
      labels: ['incident', 'postmortem'],
      assignees: ['alice'],
      author: 'postmortem-bot',
    });
    const [call] = github.callsTo('issues/create');
    expect(call!.body).not.toHaveProperty('milestone');
  });

  it('always labels its issues `incident`, and leaves out assignees when there is no owner', async () => {
    await trackerFor().create(content({ labels: ['postmortem'] }));
    expect(github.issue(REPO, 1)).toMatchObject({ labels: ['incident', 'postmortem'], assignees: [] });
    expect(github.callsTo('issues/create')[0]!.body).not.toHaveProperty('assignees');
  });

  it('finds a create whose answer was lost instead of filing it twice', async () => {
    const tracker = trackerFor();
    await tracker.check();
    const item = content();
    const before = new Date(START.getTime() + 500);
    github.injectFault('issues/create', { status: 'lost-answer' });

    const lost = await failureOf(tracker.create(item));
    expect(lost.failure).toBe('retry');
    // Someone else's issue carrying the same marker (copied from the bot's) is not the bot's.
    github.createIssueAsUser(REPO, 'alice', { title: 'Copy', body: `<!-- ${item.marker} -->`, labels: ['incident'] });

    const found = await tracker.findByMarker(item.marker, before);
    expect(found).toMatchObject({ key: '1', marker: item.marker, state: 'open' });
    await expect(tracker.findByMarker(itemMarker(randomUUID()), before)).resolves.toBeUndefined();
    expect(github.issues(REPO)).toHaveLength(2);
    expect(github.callsTo('search/issues-and-pull-requests')).toHaveLength(0);
    expect(github.callsTo('issues/list-for-repo')[0]!.query).toMatchObject({ state: 'all', labels: 'incident', sort: 'created', direction: 'desc', creator: 'postmortem-bot' });
  });

  it('does not find an issue last changed before `since`', async () => {
    const tracker = trackerFor();
    const item = content();
    await tracker.create(item);
    github.advanceTime(60_000);
    await expect(tracker.findByMarker(item.marker, new Date(START.getTime() + 30_000))).resolves.toBeUndefined();
    await expect(tracker.findByMarker(item.marker, START)).resolves.toMatchObject({ key: '1' });
  });

  it('gets an issue by its number', async () => {
    const tracker = trackerFor();
    const item = content({ assignee: 'bob' });
    await tracker.create(item);
    await expect(tracker.get('1')).resolves.toMatchObject({ key: '1', assignee: 'bob', marker: item.marker });
    const missing = await failureOf(tracker.get('99'));
    expect(missing).toMatchObject({ failure: 'permanent', details: { status: 404 } });
    expect(missing.message).toBe(`GitHub answered 404 to GET /repos/${REPO}/issues/99: Not Found`);
    await expect(failureOf(tracker.get('OPS-1'))).resolves.toMatchObject({ failure: 'permanent' });
  });

  it('closes as done and as not planned, commenting first', async () => {
    const tracker = trackerFor();
    await tracker.create(content());
    await tracker.create(content());

    await expect(tracker.close('1', 'done', 'Done in INC-7.\n# Not a heading <!-- nor hidden -->')).resolves.toMatchObject({ key: '1', state: 'done' });
    await expect(tracker.close('2', 'not_planned', 'Won’t do: @bob says the alert exists.')).resolves.toMatchObject({ key: '2', state: 'not_planned' });

    expect(github.issue(REPO, 1)).toMatchObject({ state: 'closed', stateReason: 'completed', closedBy: 'postmortem-bot' });
    expect(github.issue(REPO, 1).comments).toEqual([{ author: 'postmortem-bot', body: 'Done in INC-7.\\\n\\# Not a heading \\<!-- nor hidden -->' }]);
    expect(github.issue(REPO, 2)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(github.issue(REPO, 2).comments[0]!.body).toBe('Won’t do: @\u200dbob says the alert exists.');
    expect(github.calls.filter((c) => c.operationId !== 'issues/create').map((c) => c.operationId)).toEqual([
      'issues/create-comment',
      'issues/update',
      'issues/create-comment',
      'issues/update',
    ]);
  });

  it('reopens with a comment', async () => {
    const tracker = trackerFor();
    await tracker.create(content());
    await tracker.close('1', 'done', 'Done.');
    await expect(tracker.reopen('1', 'Reopened in Slack.')).resolves.toMatchObject({ key: '1', state: 'open' });
    expect(github.issue(REPO, 1)).toMatchObject({ state: 'open', stateReason: 'reopened' });
    expect(github.issue(REPO, 1).comments.map((c) => c.body)).toEqual(['Done.', 'Reopened in Slack.']);
  });

  it('changes the assignee, and the title and body with new content', async () => {
    const tracker = trackerFor();
    const item = content({ assignee: 'alice' });
    await tracker.create(item);

    await expect(tracker.update('1', { assignee: 'bob' })).resolves.toMatchObject({ assignee: 'bob' });
    expect(github.issue(REPO, 1).assignees).toEqual(['bob']);
    await expect(tracker.update('1', { assignee: null })).resolves.toMatchObject({ assignee: null });
    expect(github.issue(REPO, 1).assignees).toEqual([]);

    const moved = { ...item, title: 'Alert on DNS errors', dueDate: '2026-06-01', lines: [{ label: 'Due', text: '2026-06-01' }] };
    await expect(tracker.update('1', { dueDate: '2026-06-01', content: moved, assignee: 'alice' })).resolves.toMatchObject({ assignee: 'alice', marker: item.marker });
    expect(github.issue(REPO, 1)).toMatchObject({ title: 'Alert on DNS errors', body: `**Due:** 2026-06-01\n\n<!-- ${item.marker} -->`, labels: ['incident', 'postmortem'] });
  });

  it('reads the issue when an update has nothing to send', async () => {
    const tracker = trackerFor();
    await tracker.create(content());
    await expect(tracker.update('1', { dueDate: '2026-06-01' })).resolves.toMatchObject({ key: '1' });
    expect(github.callsTo('issues/update')).toHaveLength(0);
    expect(github.callsTo('issues/get')).toHaveLength(1);
  });
});

describe('changedSince', () => {
  it('lists the bot’s issues changed since then, oldest change first, following every page', async () => {
    // Pages of two instead of a hundred, so three issues take two pages.
    const smallPages: typeof fetch = (input, init) => fetch(String(input).replace('per_page=100', 'per_page=2'), init);
    const tracker = trackerFor({}, { fetch: smallPages });
    await tracker.create(content());
    github.advanceTime(60_000);
    const second = content();
    await tracker.create(second);
    github.createIssueAsUser(REPO, 'alice', { title: 'Not an action item', labels: ['incident'] });
    await tracker.create(content({ labels: ['postmortem'] }));
    github.createIssueAsUser(REPO, 'alice', { title: 'Unlabelled', body: `<!-- ${itemMarker(randomUUID())} -->` });

    const changed = await tracker.changedSince(new Date(START.getTime() + 60_000));
    expect(changed.map((i) => i.key)).toEqual(['2', '4']);
    expect(changed[0]).toMatchObject({ marker: second.marker, label: `${REPO}#2` });
    expect(github.callsTo('issues/list-for-repo')).toHaveLength(2);

    github.advanceTime(60_000);
    github.closeAsUser(REPO, 1, 'alice', 'not_planned');
    await expect(tracker.changedSince(new Date(START.getTime() + 120_000))).resolves.toMatchObject([{ key: '1', state: 'not_planned' }]);
  });

  it('never follows a next page on another host, where the token would go along', async () => {
    const elsewhere: typeof fetch = async () =>
      new Response('[]', { status: 200, headers: { 'content-type': 'application/json', link: '<https://evil.example/repos/acme/incidents/issues?page=2>; rel="next"' } });
    const error = await failureOf(trackerFor({}, { fetch: elsewhere }).changedSince(START));
    expect(error).toMatchObject({ failure: 'permanent' });
    expect(error.message).toMatch(/on another host \(evil\.example\)/);
  });
});

describe('failures', () => {
  it('reads 429 and GitHub’s secondary 403 as rate limits with the wait GitHub asks for', async () => {
    const tracker = trackerFor();
    github.injectFault('issues/create', { status: 429, retryAfterSeconds: 30 });
    await expect(failureOf(tracker.create(content()))).resolves.toMatchObject({ failure: 'rate_limited', details: { status: 429, retryAfterMs: 30_000 } });
    github.injectFault('issues/get', { status: 403 });
    const secondary = await failureOf(tracker.get('1'));
    expect(secondary).toMatchObject({ failure: 'rate_limited', details: { status: 403, retryAfterMs: 60_000 } });
    expect(secondary.message).toMatch(/^GitHub answered 403 to GET \/repos\/acme\/incidents\/issues\/1: You have exceeded a secondary rate limit/);
  });

  it('reads an exhausted primary limit as a rate limit until its reset', async () => {
    github.injectFault('issues/list-for-repo', { status: 403, limit: 'primary', retryAfterSeconds: 120 });
    const error = await failureOf(trackerFor().changedSince(START));
    expect(error.failure).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBeGreaterThan(110_000);
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('retries GitHub’s HTML 502 and its JSON 500, without quoting the page', async () => {
    const tracker = trackerFor();
    github.injectFault('issues/create', { status: 502 });
    const unicorn = await failureOf(tracker.create(content()));
    expect(unicorn).toMatchObject({ failure: 'retry', details: { status: 502 } });
    expect(unicorn.message).toBe(`GitHub answered 502 to POST /repos/${REPO}/issues: an answer of type text/html`);
    github.injectFault('issues/create', { status: 500 });
    await expect(failureOf(tracker.create(content()))).resolves.toMatchObject({ failure: 'retry', message: `GitHub answered 500 to POST /repos/${REPO}/issues: Server Error` });
    expect(github.issues(REPO)).toHaveLength(0);
  });

  it('retries a call that times out or whose connection drops', async () => {
    const tracker = trackerFor({}, { timeoutMs: 200 });
    github.injectFault('issues/get', { status: 'timeout' });
    const timedOut = await failureOf(tracker.get('1'));
    expect(timedOut).toMatchObject({ failure: 'retry', message: `GitHub did not answer GET /repos/${REPO}/issues/1: timed out after 200 ms` });

    github.injectFault('issues/get', { status: 'reset' });
    await expect(failureOf(tracker.get('1'))).resolves.toMatchObject({ failure: 'retry' });
  });

  it('retries when GitHub cannot be reached at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const tracker = trackerFor({ apiUrl: `http://127.0.0.1:${port}/api/v3` });
    const error = await failureOf(tracker.get('1'));
    expect(error.failure).toBe('retry');
    expect(error.message).toMatch(/^GitHub did not answer GET \/repos\/acme\/incidents\/issues\/1: .*ECONNREFUSED/);
  });

  it('gives GitHub’s words for a refused change', async () => {
    const error = await failureOf(trackerFor().create(content({ assignee: 'carol' })));
    expect(error).toMatchObject({ failure: 'permanent', details: { status: 422 } });
    expect(error.message).toMatch(/^GitHub answered 422 to POST \/repos\/acme\/incidents\/issues: Validation Failed \(.+\)$/);
  });
});
