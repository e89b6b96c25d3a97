import { FakeGitHub } from '../../tools/fake-trackers/github';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

const TOKEN = 'ghp_trackerTestToken000000000000000001';
const SECRET = 'github-webhook-secret-0123456789';
const REPO = 'acme/incidents';

describe('action items as GitHub issues', () => {
  let github: FakeGitHub;
  let t: TestBot;
  let alice: string;
  let dana: string;
  let channel: string;
  let incidentId: string;

  const items = () => t.bot.database.db.selectFrom('action_items').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();

  beforeAll(async () => {
    github = await FakeGitHub.start({
      users: [
        { login: 'alice-gh', email: 'alice@example.com' },
        { login: 'dana-gh', email: 'dana-public@example.com' },
        { login: 'incident-bot' },
      ],
      repositories: [{ fullName: REPO, collaborators: ['alice-gh', 'dana-gh', 'incident-bot'] }],
      tokens: [{ token: TOKEN, login: 'incident-bot', repositories: [REPO] }],
    });
    t = await startTestBot({
      env: { TRACKER: 'github', GITHUB_TOKEN: TOKEN, GITHUB_REPO: REPO, GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET },
      jobs: { syncIssuesEveryMs: 50, trackerPollEveryMs: 3_600_000 },
    });
    github.subscribe(`http://127.0.0.1:${t.bot.port}/trackers/github`, SECRET);
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    dana = t.slack.addUser({ name: 'dana', realName: 'Dana Lee', email: 'dana@private.example.com' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice, dana] }).id;
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Checkout errors', severity: 'SEV2', responders: [dana] });
    channel = declared.channel.id;
    incidentId = declared.row.id;
  });
  afterAll(async () => {
    await t?.stop();
    await github?.stop();
  });

  it('files an issue per item when the post-mortem is published, assigned by Slack email', async () => {
    for (const [description, owner] of [
      ['Alert on checkout 5xx', alice],
      ['Add a canary for config pushes', dana],
    ] as const) {
      const modal = await commandOpeningModal(t, alice, channel, 'action add');
      await t.driver.submitView({ user: alice, viewId: modal.id, fields: { ai_description: description, ai_owner: owner, ai_due: '2026-12-31', ai_type: 'detect' } });
    }
    await waitFor(async () => ((await items()).length === 2 ? true : undefined));
    await t.driver.command({ user: alice, channel, text: 'resolve Rolled back the config push' });
    await requestsFinished(t);
    expect(github.issues(REPO)).toEqual([]);
    await publishThroughSlack(t, alice, channel);
    await waitFor(async () => ((await items()).every((i) => i.issue_label) ? true : undefined));
    const issues = github.issues(REPO);
    expect(issues).toHaveLength(2);
    const first = issues.find((i) => i.title === 'Alert on checkout 5xx')!;
    expect(first.assignees).toEqual(['alice-gh']);
    expect(first.labels).toEqual(expect.arrayContaining(['incident', 'sev2', 'detect']));
    expect(first.body).toContain('Checkout errors');
    const second = issues.find((i) => i.title === 'Add a canary for config pushes')!;
    expect(second.assignees).toEqual([]);
    expect(github.problems).toEqual([]);
  });
});
