import { FakeGitHub } from '../../tools/fake-trackers/github';
import { jobRan } from '../../tools/harness/completion';
import type { TestBot } from '../../tools/harness/test-bot';
import {
  type TrackerRows,
  clickButton,
  dayFromNow,
  dmsContaining,
  issueInStep,
  itemDm,
  openItemEditor,
  publishIncidentWithItems,
  startTrackerBot,
  stopTrackerBot,
  trackerRows,
} from '../../tools/harness/tracker-steps';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * GitHub failing the ways it does, end to end: answers lost after the change was made, rate
 * limits, outages, a refusal that will not pass by itself, and webhooks that never arrive. The
 * bot's clock (and the fake GitHub's, kept level with it) is moved by the test, so retries that
 * are minutes apart happen at once.
 */

const TOKEN = 'ghp_trackerTestToken000000000000000003';
const SECRET = 'github-webhook-secret-0123456789';
const REPO = 'acme/incidents';

describe('GitHub failing while items are filed and closed', () => {
  let now = Date.now();
  let github: FakeGitHub;
  let t: TestBot;
  let stored: TrackerRows;
  let repo: ReturnType<FakeGitHub['addRepository']>;
  let alice: string;
  let dana: string;
  let ops: string;

  const issuesTitled = (title: string) => github.issues(REPO).filter((i) => i.title === title);
  const inStep = (id: string) => issueInStep(t, id, github);

  /** The sync of the item has failed `attempts` times, and the failure is recorded. */
  function failed(id: string, attempts: number) {
    return waitFor(async () => {
      const row = await stored.issue(id).catch(() => undefined);
      return row && row.attempts === attempts && row.lease_until === null && row.retry_at ? row : undefined;
    });
  }

  /** Time passes for the bot and for GitHub alike. */
  const advance = (ms: number) => {
    now += ms;
    github.advanceTime(ms);
  };

  /** An incident with one item owned by `owner`, resolved and published: the item is due to be filed. */
  async function publishWithItem(title: string, description: string, owner = dana): Promise<{ channel: string; id: string }> {
    const { channel, ids } = await publishIncidentWithItems(t, alice, ops, {
      title,
      severity: 'SEV2',
      responders: [dana],
      items: [{ description, owner }],
      resolution: 'Rolled back',
    });
    return { channel, id: ids[0]! };
  }

  beforeAll(async () => {
    github = await FakeGitHub.start({
      users: [{ login: 'dana-gh', email: 'dana@example.com' }, { login: 'incident-bot' }],
      tokens: [{ token: TOKEN, login: 'incident-bot', repositories: [REPO] }],
    });
    // Kept, to turn its issues off later as an administrator would.
    repo = github.addRepository({ fullName: REPO, collaborators: ['dana-gh', 'incident-bot'] });
    t = await startTrackerBot(github, {
      tracker: 'github',
      clock: { now: () => new Date(now) },
      env: { GITHUB_TOKEN: TOKEN, GITHUB_REPO: REPO, GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET },
      webhookSecret: SECRET,
    });
    stored = trackerRows(t);
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    dana = t.slack.addUser({ name: 'dana', realName: 'Dana Lee', email: 'dana@example.com' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, dana] }).id;
  });
  afterAll(() => stopTrackerBot(t, github));
  afterEach(() => {
    github.clearFaults();
    expect(github.problems).toEqual([]);
  });

  it('files one issue when the answer to the create is lost and its webhook arrives first', async () => {
    github.injectFault('issues/create', { status: 'lost-answer' });
    const { id } = await publishWithItem('Lost answers', 'Alert on lost answers');
    const row = await failed(id, 1);
    expect(row.last_error).toContain('the connection was closed before the answer arrived');
    // GitHub made the issue and said so: the webhook names the item, so the row knows its key already.
    await github.webhooksDelivered();
    expect(issuesTitled('Alert on lost answers')).toHaveLength(1);
    expect((await stored.issue(id)).issue_key).toBe(String(issuesTitled('Alert on lost answers')[0]!.number));
    expect((await stored.item(id)).issue_label).toBeNull();

    advance(31_000);
    await jobRan(t, 'tracker-sync');
    await inStep(id);
    const [issue] = issuesTitled('Alert on lost answers');
    expect(issuesTitled('Alert on lost answers')).toHaveLength(1);
    // The item shows the issue it got, even though the bot never read the create's answer.
    const label = `${REPO}#${issue!.number}`;
    expect(await stored.item(id)).toMatchObject({ issue_label: label, issue_url: issue!.htmlUrl });
    await waitFor(() => dmsContaining(t, dana, 'Alert on lost answers').some((m) => visibleText(t.slack.message(m.channel, m.ts)).includes(label)));
  });

  it('files one issue when the answer to the create and its webhook are both lost', async () => {
    github.injectFault('issues/create', { status: 'lost-answer' });
    // Filing an assigned issue sends two: opened, and assigned.
    github.dropWebhooks(2);
    const { id } = await publishWithItem('Lost webhooks', 'Alert on lost webhooks');
    await failed(id, 1);
    await github.webhooksDelivered();
    expect((await stored.issue(id)).issue_key).toBeNull();

    advance(31_000);
    await jobRan(t, 'tracker-sync');
    await inStep(id);
    const issues = issuesTitled('Alert on lost webhooks');
    expect(issues).toHaveLength(1);
    expect((await stored.item(id)).issue_label).toBe(`${REPO}#${issues[0]!.number}`);
  });

  it.each([
    ['a 429 with Retry-After', 429, 120],
    ['a secondary-limit 403', 403, 45],
  ] as const)('waits out %s before calling again, then files one issue', async (_name, status, retryAfterSeconds) => {
    const creates = github.callsTo('issues/create').length;
    github.injectFault('issues/create', { status, retryAfterSeconds });
    const description = `Alert after a ${status}`;
    const { id } = await publishWithItem(`Rate limited ${status}`, description);
    expect((await failed(id, 1)).last_error).toContain(`GitHub answered ${status}`);
    expect(github.callsTo('issues/create')).toHaveLength(creates + 1);

    // Before GitHub's time is up nothing is sent, though the item's first retry (30 s) is due.
    advance(retryAfterSeconds * 1000 - 5_000);
    const calls = github.calls.length;
    await jobRan(t, 'tracker-sync');
    expect(github.calls.length).toBe(calls);

    advance(6_000);
    await jobRan(t, 'tracker-sync');
    await inStep(id);
    expect(issuesTitled(description)).toHaveLength(1);
    expect(github.callsTo('issues/create')).toHaveLength(creates + 2);
    expect(await stored.issue(id)).toMatchObject({ attempts: 0, last_error: null });
  });

  it('answers Mark done at once while GitHub is down, and closes the issue when it is back', async () => {
    const { channel, id } = await publishWithItem('GitHub outage', 'Alert during outages');
    await inStep(id);
    const number = issuesTitled('Alert during outages')[0]!.number;

    github.injectFault('any', { status: 502, times: 100 });
    const dm = await itemDm(t, dana, 'Alert during outages');
    const answer = await clickButton(t, dana, dm, 'Mark done');
    expect(answer.status).toBe(200);
    await waitFor(() => visibleText(t.slack.message(dm.channel, dm.ts)).includes(`Done by <@${dana}>`));
    await waitFor(() => t.slack.botMessages(channel).some((m) => m.text.includes('marked an action item done')));
    expect((await failed(id, 1)).last_error).toContain('GitHub answered 502');
    expect(github.issue(REPO, number).state).toBe('open');

    github.clearFaults();
    advance(31_000);
    await jobRan(t, 'tracker-sync');
    await inStep(id);
    expect(github.issue(REPO, number)).toMatchObject({
      state: 'closed',
      stateReason: 'completed',
      comments: [{ author: 'incident-bot', body: 'Marked done in Slack by Dana Lee.' }],
    });
    expect(await stored.item(id)).toMatchObject({ status: 'done' });
  });

  it('tells the owner once when GitHub refuses the issue, and files it once the repository is fixed', async () => {
    repo.hasIssues = false;
    const { channel, id } = await publishWithItem('Issues turned off', 'Alert when issues are off');
    expect((await failed(id, 1)).last_error).toContain('GitHub answered 410');
    const told = await waitFor(() => (dmsContaining(t, dana, 'GitHub refused').length ? dmsContaining(t, dana, 'GitHub refused') : undefined));
    expect(visibleText(told[0])).toContain('GitHub refused to file an issue for this action item: GitHub answered 410 to POST /repos/acme/incidents/issues: Issues are disabled for this repo.');
    expect(visibleText(told[0])).toContain('Alert when issues are off');

    // The item changes: the bot tries again at once, is refused again, and does not tell the owner twice.
    const { form, edit } = await openItemEditor(t, alice, channel, id);
    await t.driver.submitView({ user: alice, viewId: edit.id, fields: { ai_due: dayFromNow(40) } });
    await failed(id, 2);
    t.slack.closeView(alice, form.id);
    expect(dmsContaining(t, dana, 'GitHub refused')).toHaveLength(1);
    expect(issuesTitled('Alert when issues are off')).toEqual([]);

    // Issues are turned back on; the refusal is tried again hours later, and the issue is filed.
    repo.hasIssues = true;
    advance(6 * 3_600_000 + 1_000);
    await jobRan(t, 'tracker-sync');
    await inStep(id);
    expect(issuesTitled('Alert when issues are off')).toHaveLength(1);
    expect(dmsContaining(t, dana, 'GitHub refused')).toHaveLength(1);
  });
});

describe('a webhook GitHub never delivered', () => {
  let github: FakeGitHub;
  let t: TestBot;
  let alice: string;

  beforeAll(async () => {
    github = await FakeGitHub.start({
      users: [{ login: 'alice-gh', email: 'alice@example.com' }, { login: 'incident-bot' }],
      repositories: [{ fullName: REPO, collaborators: ['alice-gh', 'incident-bot'] }],
      tokens: [{ token: TOKEN, login: 'incident-bot', repositories: [REPO] }],
    });
    t = await startTrackerBot(github, {
      tracker: 'github',
      env: { GITHUB_TOKEN: TOKEN, GITHUB_REPO: REPO, GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET },
      webhookSecret: SECRET,
      pollEveryMs: 100,
    });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
  });
  afterAll(() => stopTrackerBot(t, github));

  it('is caught by the poll: the item is marked done and the channel told once', async () => {
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    const { channel, ids } = await publishIncidentWithItems(t, alice, ops, {
      title: 'Missed webhooks',
      severity: 'SEV2',
      items: [{ description: 'Alert on missed webhooks', owner: alice }],
      resolution: 'Rolled back',
    });
    const [id] = ids as [string];
    await issueInStep(t, id, github);
    const number = github.issues(REPO).filter((i) => i.title === 'Alert on missed webhooks')[0]!.number;

    github.dropWebhooks(1);
    github.closeAsUser(REPO, number, 'alice-gh', 'completed');
    const deliveries = await github.webhooksDelivered();
    expect(deliveries.at(-1)).toMatchObject({ action: 'closed', outcome: 'dropped' });

    await waitFor(async () => ((await trackerRows(t).item(id)).status === 'done' ? true : undefined));
    await jobRan(t, 'tracker-poll');
    const lines = t.slack.botMessages(channel).filter((m) => m.text.includes('An action item was'));
    expect(lines.map((m) => m.text)).toEqual([`:white_check_mark: An action item was closed in GitHub: marked done (${REPO}#${number}): *Alert on missed webhooks*`]);
    expect(t.logs.some((l) => l.msg === 'the poll caught changes a webhook missed')).toBe(true);
    expect((await trackerRows(t).issue(id)).issue_state).toBe('done');
    expect(github.issue(REPO, number).comments).toEqual([]);
    expect(github.problems).toEqual([]);
  });
});
