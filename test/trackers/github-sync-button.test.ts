import { FakeGitHub } from '../../tools/fake-trackers/github';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import type { TestBot } from '../../tools/harness/test-bot';
import { clickButton, issueInStep, itemDm, publishIncidentWithItems, startTrackerBot, stopTrackerBot, trackerRows } from '../../tools/harness/tracker-steps';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * `TRACKER_CREATE=button`: publishing files nothing; an open item's DM and Home tab offer
 * "Create GitHub issue", and however often or wherever it is clicked, the item gets one issue.
 */

const TOKEN = 'ghp_trackerTestToken000000000000000002';
const SECRET = 'github-webhook-secret-0123456789';
const REPO = 'acme/incidents';
const CREATE = 'Create GitHub issue';

describe('action items filed in GitHub when someone asks', () => {
  let github: FakeGitHub;
  let t: TestBot;
  let alice: string;
  let dana: string;
  const ids: Record<string, string> = {};

  const issueRows = () => t.bot.database.db.selectFrom('tracker_issues').selectAll().execute();
  const issuesTitled = (title: string) => github.issues(REPO).filter((i) => i.title === title);

  function clickOnHome(user: string, itemId: string) {
    const home = t.slack.homeView(user)!;
    return t.driver.blockAction({ user, actionId: 'item_create_issue', blockId: `home_item:${itemId}`, container: { type: 'view', viewId: home.id } });
  }

  beforeAll(async () => {
    github = await FakeGitHub.start({
      users: [{ login: 'dana-gh', email: 'dana@example.com' }, { login: 'incident-bot' }],
      repositories: [{ fullName: REPO, collaborators: ['dana-gh', 'incident-bot'] }],
      tokens: [{ token: TOKEN, login: 'incident-bot', repositories: [REPO] }],
    });
    t = await startTrackerBot(github, {
      tracker: 'github',
      env: { TRACKER_CREATE: 'button', GITHUB_TOKEN: TOKEN, GITHUB_REPO: REPO, GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET },
      webhookSecret: SECRET,
    });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    dana = t.slack.addUser({ name: 'dana', realName: 'Dana Lee', email: 'dana@example.com' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice, dana] }).id;
    const descriptions = ['Alert on checkout 5xx', 'Canary for config pushes'];
    const published = await publishIncidentWithItems(t, alice, ops, {
      title: 'Checkout errors',
      severity: 'SEV2',
      responders: [dana],
      items: descriptions.map((description) => ({ description, owner: dana })),
    });
    descriptions.forEach((description, i) => (ids[description] = published.ids[i]!));
  });
  afterAll(() => stopTrackerBot(t, github));
  afterEach(() => expect(github.problems).toEqual([]));

  it('files nothing on publishing, and offers the button in the DM and on the Home tab', async () => {
    await jobRan(t, 'tracker-sync');
    expect(github.callsTo('issues/create')).toEqual([]);
    expect(await issueRows()).toEqual([]);
    for (const description of Object.keys(ids)) {
      expect(buttonsOf(await itemDm(t, dana, description)).map((b) => b.text)).toEqual(['Mark done', 'Snooze 1 day', 'Snooze 1 week', "Won't do", CREATE, 'Open incident']);
    }
    await t.driver.appHomeOpened(dana);
    const home = await waitFor(() => (buttonsOf(t.slack.homeView(dana)).some((b) => b.text === CREATE) ? t.slack.homeView(dana) : undefined));
    expect(buttonsOf(home).filter((b) => b.text === CREATE).map((b) => b.value).sort()).toEqual(Object.values(ids).sort());
  });

  it('files exactly one issue when clicked, shows it on the item, and a second click files nothing more', async () => {
    const id = ids['Alert on checkout 5xx']!;
    // The Home tab is opened before the click: its button stays on screen until it is published again.
    await t.driver.appHomeOpened(dana);
    await waitFor(() => buttonsOf(t.slack.homeView(dana)).some((b) => b.value === id));

    const dm = await itemDm(t, dana, 'Alert on checkout 5xx');
    await clickButton(t, dana, dm, CREATE);
    await waitFor(() => visibleText(t.slack.message(dm.channel, dm.ts)).includes('Filing a GitHub issue for it'));
    await issueInStep(t, id, github);
    const [issue] = issuesTitled('Alert on checkout 5xx');
    expect(issue).toMatchObject({ author: 'incident-bot', assignees: ['dana-gh'], state: 'open' });
    const label = `${REPO}#${issue!.number}`;
    expect(await trackerRows(t).item(id)).toMatchObject({ issue_label: label, issue_url: issue!.htmlUrl });
    await waitFor(() => visibleText(t.slack.message(dm.channel, dm.ts)).includes(label));
    expect(buttonsOf(t.slack.message(dm.channel, dm.ts)).map((b) => b.text)).not.toContain(CREATE);

    // The stale Home tab still shows the button: clicking it says where the issue is and files nothing.
    await clickOnHome(dana, id);
    await requestsFinished(t);
    await jobRan(t, 'tracker-sync');
    expect(issuesTitled('Alert on checkout 5xx')).toHaveLength(1);
    expect(github.callsTo('issues/create')).toHaveLength(1);
    const home = t.slack.homeView(dana);
    expect(visibleText(home)).toContain(label);
    expect(buttonsOf(home).filter((b) => b.text === CREATE).map((b) => b.value)).toEqual([ids['Canary for config pushes']]);
  });

  it('files one issue when the DM and the Home tab are clicked at once', async () => {
    const id = ids['Canary for config pushes']!;
    await t.driver.appHomeOpened(dana);
    await waitFor(() => buttonsOf(t.slack.homeView(dana)).some((b) => b.value === id));
    const dm = await itemDm(t, dana, 'Canary for config pushes');
    await Promise.all([clickButton(t, dana, dm, CREATE), clickOnHome(dana, id)]);
    await requestsFinished(t);
    await issueInStep(t, id, github);
    await jobRan(t, 'tracker-sync');
    expect(issuesTitled('Canary for config pushes')).toHaveLength(1);
    expect((await issueRows()).filter((r) => r.item_id === id)).toHaveLength(1);
    expect(github.callsTo('issues/create')).toHaveLength(2);
  });
});
