import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeGitHub } from '../../tools/fake-trackers/github';
import { requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, topModal } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import type { TestBot } from '../../tools/harness/test-bot';
import {
  type TrackerRows,
  addActionItem,
  clickButton,
  dayFromNow,
  dmsContaining,
  issueInStep,
  itemDm,
  itemLines,
  openItemEditor,
  publishIncidentWithItems,
  startTrackerBot,
  stopTrackerBot,
  trackerRows,
} from '../../tools/harness/tracker-steps';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * Action items as GitHub issues, end to end, with `TRACKER_CREATE=always`: a person declares,
 * adds items, publishes the post-mortem, and then works on the items in Slack or on GitHub. Each
 * test has an incident of its own; the fake GitHub sends its webhooks to the bot, signed.
 */

const TOKEN = 'ghp_trackerTestToken000000000000000001';
const SECRET = 'github-webhook-secret-0123456789';
const REPO = 'acme/incidents';
/** Erin's GitHub email is private: the mapping file names her by Slack id. */
const ERIN_ID = 'U0ERIN0001';

describe('action items as GitHub issues, filed when the post-mortem is published', () => {
  let github: FakeGitHub;
  let t: TestBot;
  let stored: TrackerRows;
  let mapDir: string;
  let alice: string;
  let dana: string;
  let erin: string;
  let frank: string;
  let ops: string;

  /** The issue's number, once the item shows it. */
  const issueNumber = async (id: string) => Number((await stored.item(id)).issue_label!.split('#')[1]);
  const inStep = (id: string) => issueInStep(t, id, github);

  /** Declares an incident, gives it items, resolves it and publishes its post-mortem; resolves once every item's issue is filed. */
  async function publishedIncident(title: string, items: Array<[string, string]>, options: { private?: boolean } = {}) {
    const published = await publishIncidentWithItems(t, alice, ops, {
      title,
      severity: 'SEV2',
      responders: [dana, erin, frank],
      private: options.private,
      items: items.map(([description, owner]) => ({ description, owner })),
    });
    for (const id of published.ids) await inStep(id);
    return published;
  }

  /** A delivery as GitHub would send it to the bot's endpoint, with the headers given. */
  function postWebhook(body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(`http://127.0.0.1:${t.bot.port}/trackers/github`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  }

  const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  beforeAll(async () => {
    github = await FakeGitHub.start({
      users: [
        { login: 'alice-gh', email: 'alice@example.com' },
        { login: 'dana-gh', email: 'dana-public@example.com' },
        { login: 'erin-gh', privateEmail: 'erin@example.com' },
        { login: 'frank-gh', privateEmail: 'frank@corp.example.com' },
        { login: 'incident-bot' },
      ],
      repositories: [{ fullName: REPO, collaborators: ['alice-gh', 'dana-gh', 'erin-gh', 'frank-gh', 'incident-bot'] }],
      tokens: [{ token: TOKEN, login: 'incident-bot', repositories: [REPO] }],
    });
    mapDir = fs.mkdtempSync(path.join(os.tmpdir(), 'github-user-map-'));
    const userMap = path.join(mapDir, 'github-users.yml');
    fs.writeFileSync(userMap, `# Slack user id or email: GitHub login\n${ERIN_ID}: erin-gh\nFrank@Corp.example.com: "@frank-gh"\n`);
    t = await startTrackerBot(github, {
      tracker: 'github',
      env: { GITHUB_TOKEN: TOKEN, GITHUB_REPO: REPO, GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_USER_MAP: userMap },
      webhookSecret: SECRET,
    });
    stored = trackerRows(t);
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    dana = t.slack.addUser({ name: 'dana', realName: 'Dana Lee', email: 'dana@private.example.com' }).id;
    erin = t.slack.addUser({ id: ERIN_ID, name: 'erin', realName: 'Erin Oak', email: 'erin@example.com' }).id;
    frank = t.slack.addUser({ name: 'frank', realName: 'Frank Moss', email: 'frank@corp.example.com' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, dana, erin, frank] }).id;
  });
  afterAll(async () => {
    await stopTrackerBot(t, github);
    if (mapDir) fs.rmSync(mapDir, { recursive: true, force: true });
  });
  afterEach(() => expect(github.problems).toEqual([]));

  it('files one issue per item on publishing, assigned by public email or the mapping file, linking back to Slack', async () => {
    const before = github.issues(REPO).length;
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Checkout errors', severity: 'SEV2', responders: [dana, erin, frank] });
    const channel = declared.channel.id;
    const ids = [
      await addActionItem(t, alice, channel, { description: 'Alert on checkout 5xx', owner: alice }),
      await addActionItem(t, alice, channel, { description: 'Canary for config pushes', owner: erin }),
      await addActionItem(t, alice, channel, { description: 'Validate the retry flag', owner: frank }),
    ];
    await t.driver.command({ user: alice, channel, text: 'resolve Rolled back the config push' });
    await requestsFinished(t);
    // A draft's items may still be removed: nothing is filed before publishing.
    expect(github.issues(REPO)).toHaveLength(before);

    await publishThroughSlack(t, alice, channel);
    for (const id of ids) await inStep(id);
    const issues = github.issues(REPO).slice(before);
    expect(issues.map((i) => [i.title, i.assignees]).sort()).toEqual([
      ['Alert on checkout 5xx', ['alice-gh']],
      ['Canary for config pushes', ['erin-gh']],
      ['Validate the retry flag', ['frank-gh']],
    ]);
    const first = issues.find((i) => i.title === 'Alert on checkout 5xx');
    expect(first!.author).toBe('incident-bot');
    expect(first!.labels).toEqual(expect.arrayContaining(['incident', 'sev2', 'detect']));
    expect(first!.body).toContain('A follow-up of the SEV2 incident "Checkout errors".');
    expect(first!.body).toContain(`**Owner:** Alice Ng`);
    // Back to the incident channel, and to the post-mortem's first message in it.
    const channelName = declared.channel.name;
    expect(first!.body).toMatch(new RegExp(`\\*\\*Incident channel:\\*\\* \\[#${channelName}\\]\\(https?://[^)]*/archives/${channel}\\)`));
    expect(first!.body).toMatch(new RegExp(`\\*\\*Post-mortem:\\*\\* \\[in Slack\\]\\(https?://[^)]*/archives/${channel}/p\\d+\\)`));

    // Each item shows its issue, in its DM and in its stored row; nobody was told of a missing account.
    for (const [id, owner, description] of [
      [ids[0]!, alice, 'Alert on checkout 5xx'],
      [ids[1]!, erin, 'Canary for config pushes'],
    ] as const) {
      const number = await issueNumber(id);
      expect((await stored.item(id)).issue_url).toBe(github.issue(REPO, number).htmlUrl);
      await waitFor(async () => visibleText(await itemDm(t, owner, description)).includes(`${REPO}#${number}`));
    }
    for (const owner of [alice, erin, frank]) expect(dmsContaining(t, owner, 'No GitHub account')).toEqual([]);
  });

  it('files an item added after publishing at once, and closes the issue of one removed as not planned', async () => {
    const { channel, ids } = await publishedIncident('Disk full', [['Alert on disk usage', alice]]);
    const removedNumber = await issueNumber(ids[0]!);

    const added = await addActionItem(t, alice, channel, { description: 'Rotate the log volume', owner: alice });
    await inStep(added);
    const [issue] = github.issues(REPO).filter((i) => i.title === 'Rotate the log volume');
    expect(issue).toMatchObject({ state: 'open', assignees: ['alice-gh'] });
    expect((await stored.item(added)).issue_label).toBe(`${REPO}#${issue!.number}`);

    const form = await commandOpeningModal(t, alice, channel, 'postmortem');
    await t.driver.blockAction({ user: alice, actionId: 'postmortem_action_item_menu', blockId: `item:${ids[0]}`, selectedOption: `remove:${ids[0]}`, container: { type: 'view', viewId: form.id } });
    await waitFor(async () => ((await t.bot.database.db.selectFrom('tracker_issues').select('item_id').where('item_id', '=', ids[0]!).executeTakeFirst()) ? undefined : true));
    await github.webhooksDelivered();
    t.slack.closeView(alice, form.id);
    expect(github.issue(REPO, removedNumber)).toMatchObject({
      state: 'closed',
      stateReason: 'not_planned',
      comments: [{ author: 'incident-bot', body: 'This action item was removed from its post-mortem in Slack.' }],
    });
    expect(itemLines(t, channel, 'Alert on disk usage')).toEqual([]);
  });

  it("leaves an owner without a GitHub account unassigned, says so in the issue, and tells them once", async () => {
    const { channel, ids } = await publishedIncident('Search latency', [['Cache the search facets', dana]]);
    const [id] = ids as [string];
    const issue = github.issue(REPO, await issueNumber(id));
    expect(issue.assignees).toEqual([]);
    expect(issue.body).toContain('**Owner:** Dana Lee (no GitHub account matched their Slack email; assign it by hand)');
    const toldOfIt = () => dmsContaining(t, dana, 'No GitHub account matches your Slack email').filter((m) => visibleText(m).includes('Cache the search facets'));
    const [told] = await waitFor(() => (toldOfIt().length ? toldOfIt() : undefined));
    expect(visibleText(told)).toContain(`${REPO}#${issue.number}`);

    // A later change syncs the issue again: the owner is not told twice.
    const { edit } = await openItemEditor(t, alice, channel, id);
    await t.driver.submitView({ user: alice, viewId: edit.id, fields: { ai_due: dayFromNow(45) } });
    await waitFor(async () => ((await stored.issue(id)).issue_due_date === dayFromNow(45) ? true : undefined));
    await inStep(id);
    expect(github.issue(REPO, issue.number).body).toContain(`**Due:** ${dayFromNow(45)}`);
    expect(toldOfIt()).toHaveLength(1);

    // Handed to someone else without an account: the new owner is told too, once.
    const gus = t.slack.addUser({ name: 'gus', realName: 'Gus Park', email: 'gus@nowhere.example.com' }).id;
    const { edit: handOver } = await openItemEditor(t, alice, channel, id);
    await t.driver.submitView({ user: alice, viewId: handOver.id, fields: { ai_owner: gus } });
    await waitFor(async () => ((await stored.item(id)).owner_id === gus ? true : undefined));
    await inStep(id);
    expect(github.issue(REPO, issue.number).body).toContain('**Owner:** Gus Park (no GitHub account matched');
    const gusTold = () => dmsContaining(t, gus, 'No GitHub account matches your Slack email').filter((m) => visibleText(m).includes('Cache the search facets'));
    await waitFor(() => (gusTold().length === 1 ? true : undefined));
    expect(toldOfIt()).toHaveLength(1);
  });

  it("files a private incident's items without its title or channel", async () => {
    const { ids } = await publishedIncident('Payroll export leaked salaries', [['Encrypt the payroll export', alice]], { private: true });
    const issue = github.issue(REPO, await issueNumber(ids[0]!));
    expect(issue.body).toContain('A follow-up of a private SEV2 incident.');
    expect(issue.body).not.toContain('Payroll export');
    expect(issue.body).not.toContain('Incident channel');
    expect(issue.body).not.toContain('/archives/');
  });

  it('Mark done in Slack closes the issue as completed with a comment, and its webhook changes nothing more', async () => {
    const { channel, ids } = await publishedIncident('Login loop', [['Expire stale sessions', alice]]);
    const [id] = ids as [string];
    const number = await issueNumber(id);
    await clickButton(t, alice, await itemDm(t, alice, 'Expire stale sessions'), 'Mark done');
    await waitFor(async () => ((await stored.item(id)).status === 'done' ? true : undefined));
    await waitFor(async () => ((await stored.issue(id)).issue_state === 'done' ? true : undefined));
    await inStep(id);

    const issue = github.issue(REPO, number);
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed', closedBy: 'incident-bot' });
    expect(issue.comments).toEqual([{ author: 'incident-bot', body: 'Marked done in Slack by Alice Ng.' }]);
    // GitHub told the bot of its own close; it changed nothing: one line in the channel, the item done once.
    const closed = github.deliveries.filter((d) => d.action === 'closed' && (d.payload.issue as { number: number }).number === number);
    expect(closed.map((d) => [d.status, JSON.parse(d.responseBody!)])).toEqual([[200, { outcomes: ['unchanged'] }]]);
    expect(itemLines(t, channel, 'Expire stale sessions').map((m) => m.text)).toEqual([
      `:white_check_mark: <@${alice}> marked an action item done: *Expire stale sessions*`,
    ]);
    expect(await stored.item(id)).toMatchObject({ status: 'done', status_changed_by: alice });
    expect(github.callsTo('issues/update').filter((c) => c.path.endsWith(`/issues/${number}`))).toHaveLength(1);
  });

  it('closing the issue on GitHub marks the item done, tells the channel and edits the DM', async () => {
    const { channel, ids } = await publishedIncident('Cart totals wrong', [['Test rounding of cart totals', erin]]);
    const [id] = ids as [string];
    const number = await issueNumber(id);
    const dm = await itemDm(t, erin, 'Test rounding of cart totals');

    github.closeAsUser(REPO, number, 'dana-gh', 'completed');
    await github.webhooksDelivered();
    expect(await stored.item(id)).toMatchObject({ status: 'done', status_changed_by: null, next_reminder_at: null });
    expect(itemLines(t, channel, 'Test rounding of cart totals').map((m) => m.text)).toEqual([
      `:white_check_mark: An action item was closed in GitHub by @dana-gh: marked done (${REPO}#${number}): *Test rounding of cart totals*`,
    ]);
    const edited = visibleText(t.slack.message(dm.channel, dm.ts));
    expect(edited).toContain(`Closed in GitHub by @dana-gh: marked done (${REPO}#${number}).`);
    expect(buttonsOf(t.slack.message(dm.channel, dm.ts))).toEqual([]);
    // Nothing goes back to GitHub: no comment, no second close.
    await requestsFinished(t);
    expect(github.issue(REPO, number).comments).toEqual([]);
    expect(github.callsTo('issues/update').filter((c) => c.path.endsWith(`/issues/${number}`))).toEqual([]);
  });

  it('reopening the issue on GitHub opens the item again, with its reminders', async () => {
    const { channel, ids } = await publishedIncident('Stuck refunds', [['Page on refund queue age', alice]]);
    const [id] = ids as [string];
    const number = await issueNumber(id);
    github.closeAsUser(REPO, number, 'alice-gh', 'completed');
    await github.webhooksDelivered();
    expect((await stored.item(id)).status).toBe('done');

    github.reopenAsUser(REPO, number, 'alice-gh');
    await github.webhooksDelivered();
    const reopened = await stored.item(id);
    expect(reopened).toMatchObject({ status: 'open', status_reason: null });
    expect(reopened.next_reminder_at).not.toBeNull();
    expect(itemLines(t, channel, 'Page on refund queue age').map((m) => m.text)).toEqual([
      `:white_check_mark: An action item was closed in GitHub by @alice-gh: marked done (${REPO}#${number}): *Page on refund queue age*`,
      `:repeat: An action item was reopened in GitHub by @alice-gh (${REPO}#${number}): *Page on refund queue age*`,
    ]);
    const dm = await itemDm(t, alice, 'Page on refund queue age');
    expect(visibleText(dm)).toContain(`Reopened in GitHub by @alice-gh (${REPO}#${number}).`);
    expect(buttonsOf(dm).map((b) => b.text)).toContain('Mark done');
    expect(github.issue(REPO, number)).toMatchObject({ state: 'open', comments: [] });
  });

  it("Won't do in Slack closes the issue as not planned with the reason", async () => {
    const { channel, ids } = await publishedIncident('Slow exports', [['Shard the export job', frank]]);
    const [id] = ids as [string];
    const number = await issueNumber(id);
    await clickButton(t, frank, await itemDm(t, frank, 'Shard the export job'), "Won't do");
    const modal = await topModal(t, frank);
    await t.driver.submitView({ user: frank, viewId: modal.id, fields: { wont_do_reason: 'The export moves to the warehouse next quarter' } });
    await waitFor(async () => ((await stored.issue(id)).issue_state === 'not_planned' ? true : undefined));
    await inStep(id);
    expect(github.issue(REPO, number)).toMatchObject({
      state: 'closed',
      stateReason: 'not_planned',
      comments: [{ author: 'incident-bot', body: "Closed in Slack by Frank Moss: won't do. The export moves to the warehouse next quarter" }],
    });
    expect(await stored.item(id)).toMatchObject({ status: 'wont_do', status_reason: 'The export moves to the warehouse next quarter' });
    expect(itemLines(t, channel, 'Shard the export job')).toEqual([]);
    const closed = github.deliveries.filter((d) => d.action === 'closed' && (d.payload.issue as { number: number }).number === number);
    expect(closed.map((d) => JSON.parse(d.responseBody!))).toEqual([{ outcomes: ['unchanged'] }]);
  });

  it('closing the issue as not planned on GitHub closes the item as won’t do, saying where', async () => {
    const { channel, ids } = await publishedIncident('Duplicate emails', [['Deduplicate the mail queue', alice]]);
    const [id] = ids as [string];
    const number = await issueNumber(id);
    github.closeAsUser(REPO, number, 'alice-gh', 'not_planned');
    await github.webhooksDelivered();
    expect(await stored.item(id)).toMatchObject({ status: 'wont_do', status_reason: `Closed as not planned in GitHub by @alice-gh (${REPO}#${number}).` });
    expect(itemLines(t, channel, 'Deduplicate the mail queue').map((m) => m.text)).toEqual([
      `:no_entry_sign: An action item was closed as not planned in GitHub by @alice-gh: won't do (${REPO}#${number}): *Deduplicate the mail queue*`,
    ]);
    expect(visibleText(await itemDm(t, alice, 'Deduplicate the mail queue'))).toContain("Closed as not planned in GitHub by @alice-gh: won't do");
  });

  it('reassigning the item or moving its due date updates the issue', async () => {
    const { channel, ids } = await publishedIncident('Webhook storms', [['Rate-limit webhook retries', alice]]);
    const [id] = ids as [string];
    const number = await issueNumber(id);
    expect(github.issue(REPO, number).assignees).toEqual(['alice-gh']);

    const editItem = async (fields: Record<string, string>) => {
      const { form, edit } = await openItemEditor(t, alice, channel, id);
      const wanted = (await stored.issue(id)).wanted_version;
      await t.driver.submitView({ user: alice, viewId: edit.id, fields });
      await waitFor(async () => ((await stored.issue(id)).wanted_version > wanted ? true : undefined));
      t.slack.closeView(alice, form.id);
      await inStep(id);
    };

    await editItem({ ai_owner: erin });
    const reassigned = github.issue(REPO, number);
    expect(reassigned.assignees).toEqual(['erin-gh']);
    expect(reassigned.body).toContain('**Owner:** Erin Oak');

    const due = dayFromNow(60);
    await editItem({ ai_due: due });
    const moved = github.issue(REPO, number);
    expect(moved.body).toContain(`**Due:** ${due}`);
    expect(moved.assignees).toEqual(['erin-gh']);
    // The bot's own edits came back as webhooks and changed nothing.
    expect(await stored.item(id)).toMatchObject({ status: 'open', owner_id: erin, due_date: due });
    expect(itemLines(t, channel, 'Rate-limit webhook retries')).toEqual([]);
  });

  it('refuses a forged or unsigned delivery, and ignores one about an issue it does not know', async () => {
    const { channel, ids } = await publishedIncident('Forged closes', [['Rotate the webhook secret', alice]]);
    const [id] = ids as [string];
    const number = await issueNumber(id);
    // What GitHub would send if the issue were closed: taken from the real "opened" delivery.
    const opened = github.deliveries.find((d) => d.action === 'opened' && (d.payload.issue as { number: number }).number === number)!;
    const payload = structuredClone(opened.payload) as { action: string; issue: Record<string, unknown>; sender: { login: string } };
    payload.action = 'closed';
    Object.assign(payload.issue, { state: 'closed', state_reason: 'completed' });
    payload.sender.login = 'mallory';
    const body = JSON.stringify(payload);
    const refusedBefore = t.logs.filter((l) => l.msg === 'tracker webhook refused').length;
    const headers = { 'x-github-event': 'issues', 'x-github-delivery': '5a1d0c4e-0000-4000-8000-000000000001' };

    const unsigned = await postWebhook(body, headers);
    const wrongSecret = await postWebhook(body, { ...headers, 'x-hub-signature-256': sign(body, 'not-the-webhook-secret-at-all') });
    const otherBody = await postWebhook(body, { ...headers, 'x-hub-signature-256': sign(opened.body) });
    expect([unsigned.status, wrongSecret.status, otherBody.status]).toEqual([401, 401, 401]);
    expect(await stored.item(id)).toMatchObject({ status: 'open' });
    expect((await stored.issue(id)).issue_state).toBe('open');

    // Signed, but about an issue the bot never filed (a marker naming no item), and a person's own issue.
    const stranger = structuredClone(payload);
    stranger.issue.body = '<!-- incident-bot:action-item:00000000-0000-4000-8000-000000000000 -->';
    stranger.issue.number = 9999;
    const strangerBody = JSON.stringify(stranger);
    const unknown = await postWebhook(strangerBody, { ...headers, 'x-hub-signature-256': sign(strangerBody) });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ outcomes: ['unknown'] });
    const own = github.createIssueAsUser(REPO, 'alice-gh', { title: 'Typo on the status page' });
    github.closeAsUser(REPO, own.number, 'alice-gh');
    await github.webhooksDelivered();
    const ownDeliveries = github.deliveries.filter((d) => (d.payload.issue as { number: number } | undefined)?.number === own.number);
    expect(ownDeliveries.map((d) => d.status)).toEqual([202, 202]);

    expect(await stored.item(id)).toMatchObject({ status: 'open' });
    expect(github.issue(REPO, number).state).toBe('open');
    expect(itemLines(t, channel, 'Rotate the webhook secret')).toEqual([]);
    expect(t.logs.filter((l) => l.msg === 'tracker webhook refused')).toHaveLength(refusedBefore + 3);
  });

  it("leaves the item alone when someone closes a copy of its issue, marker and all", async () => {
    const { channel, ids } = await publishedIncident('Copied issues', [['Document the failover', alice]]);
    const [id] = ids as [string];
    const original = github.issue(REPO, await issueNumber(id));
    const copy = github.createIssueAsUser(REPO, 'alice-gh', { title: original.title, body: original.body, labels: ['incident'] });
    github.closeAsUser(REPO, copy.number, 'alice-gh', 'completed');
    const deliveries = (await github.webhooksDelivered()).filter((d) => (d.payload.issue as { number: number } | undefined)?.number === copy.number);
    expect(deliveries.map((d) => [d.action, JSON.parse(d.responseBody!).outcomes])).toEqual([
      ['opened', ['unknown']],
      ['closed', ['unknown']],
    ]);
    expect(await stored.item(id)).toMatchObject({ status: 'open', issue_label: `${REPO}#${original.number}` });
    expect(await stored.issue(id)).toMatchObject({ issue_key: String(original.number), issue_state: 'open' });
    expect(itemLines(t, channel, 'Document the failover')).toEqual([]);
  });
});
