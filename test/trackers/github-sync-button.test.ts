import type { FakeMessage } from '../../tools/fake-slack';
import { FakeGitHub } from '../../tools/fake-trackers/github';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
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

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('action items filed in GitHub when someone asks', () => {
  let github: FakeGitHub;
  let t: TestBot;
  let alice: string;
  let dana: string;
  let channel: string;
  const ids: Record<string, string> = {};

  const itemRow = (id: string) => t.bot.database.db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const issueRows = () => t.bot.database.db.selectFrom('tracker_issues').selectAll().execute();
  const dms = (user: string, fragment: string): FakeMessage[] => t.slack.dm(user).filter((m) => visibleText(m).includes(fragment));
  const issuesTitled = (title: string) => github.issues(REPO).filter((i) => i.title === title);

  /** The item's DM as it is now: the bot edits it in place. */
  async function itemDm(owner: string, description: string): Promise<FakeMessage> {
    const [first] = await waitFor(() => (dms(owner, description).length ? dms(owner, description) : undefined));
    return t.slack.message(first!.channel, first!.ts)!;
  }

  /** The item's row says its issue is filed and in step, and nobody is syncing it. */
  async function filed(id: string): Promise<void> {
    await waitFor(async () => {
      const row = (await issueRows()).find((r) => r.item_id === id);
      return row?.issue_key && row.synced_version >= row.wanted_version && row.lease_until === null ? true : undefined;
    });
    await github.webhooksDelivered();
  }

  function clickInDm(user: string, message: FakeMessage) {
    const button = buttonsOf(t.slack.message(message.channel, message.ts)).find((b) => b.text === CREATE)!;
    return t.driver.blockAction({ user, actionId: button.actionId, container: { type: 'message', channel: message.channel, ts: message.ts } });
  }

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
    t = await startTestBot({
      env: { TRACKER: 'github', TRACKER_CREATE: 'button', GITHUB_TOKEN: TOKEN, GITHUB_REPO: REPO, GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET },
      jobs: { syncIssuesEveryMs: 50, trackerPollEveryMs: 3_600_000, remindersEveryMs: 50 },
    });
    github.subscribe(`http://127.0.0.1:${t.bot.port}/trackers/github`, SECRET);
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    dana = t.slack.addUser({ name: 'dana', realName: 'Dana Lee', email: 'dana@example.com' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice, dana] }).id;
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Checkout errors', severity: 'SEV2', responders: [dana] });
    channel = declared.channel.id;
    for (const description of ['Alert on checkout 5xx', 'Canary for config pushes']) {
      const modal = await commandOpeningModal(t, alice, channel, 'action add');
      await t.driver.submitView({ user: alice, viewId: modal.id, fields: { ai_description: description, ai_owner: dana, ai_due: dayFromNow(30), ai_type: 'detect' } });
      ids[description] = (await waitFor(() => t.bot.database.db.selectFrom('action_items').select('id').where('description', '=', description).executeTakeFirst())).id;
    }
    await t.driver.command({ user: alice, channel, text: 'resolve Rolled back the config push' });
    await requestsFinished(t);
    await publishThroughSlack(t, alice, channel);
  });
  afterAll(async () => {
    await t?.stop();
    await github?.stop();
  });
  afterEach(() => expect(github.problems).toEqual([]));

  it('files nothing on publishing, and offers the button in the DM and on the Home tab', async () => {
    await jobRan(t, 'tracker-sync');
    expect(github.callsTo('issues/create')).toEqual([]);
    expect(await issueRows()).toEqual([]);
    for (const description of Object.keys(ids)) {
      expect(buttonsOf(await itemDm(dana, description)).map((b) => b.text)).toEqual(['Mark done', 'Snooze 1 day', 'Snooze 1 week', "Won't do", CREATE, 'Open incident']);
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

    const dm = await itemDm(dana, 'Alert on checkout 5xx');
    await clickInDm(dana, dm);
    await waitFor(() => visibleText(t.slack.message(dm.channel, dm.ts)).includes('Filing a GitHub issue for it'));
    await filed(id);
    const [issue] = issuesTitled('Alert on checkout 5xx');
    expect(issue).toMatchObject({ author: 'incident-bot', assignees: ['dana-gh'], state: 'open' });
    const label = `${REPO}#${issue!.number}`;
    expect(await itemRow(id)).toMatchObject({ issue_label: label, issue_url: issue!.htmlUrl });
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
    const dm = await itemDm(dana, 'Canary for config pushes');
    await Promise.all([clickInDm(dana, dm), clickOnHome(dana, id)]);
    await requestsFinished(t);
    await filed(id);
    await jobRan(t, 'tracker-sync');
    expect(issuesTitled('Canary for config pushes')).toHaveLength(1);
    expect((await issueRows()).filter((r) => r.item_id === id)).toHaveLength(1);
    expect(github.callsTo('issues/create')).toHaveLength(2);
  });
});
