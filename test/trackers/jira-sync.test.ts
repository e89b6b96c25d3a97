import { createHmac } from 'node:crypto';
import { FakeJira, adfToText } from '../../tools/fake-trackers/jira';
import { requestsFinished } from '../../tools/harness/completion';
import { topModal } from '../../tools/harness/incident-steps';
import type { TestBot } from '../../tools/harness/test-bot';
import { type TrackerRows, clickButton, dayFromNow, issueInStep, itemDm, itemLines, publishIncidentWithItems, startTrackerBot, stopTrackerBot, trackerRows } from '../../tools/harness/tracker-steps';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * Action items as Jira issues, end to end: filed on publishing with an ADF description and the
 * owner found by Jira's user search, closed and reopened both ways through the workflow's
 * transitions, and told of changes by a signed admin webhook.
 */

const SECRET = 'jira-webhook-secret-0123456789';

describe('action items as Jira issues', () => {
  let jira: FakeJira;
  let t: TestBot;
  let stored: TrackerRows;
  let alice: string;
  let dana: string;
  let ops: string;
  /** Dana's Jira account, found by her Slack email although Jira hides it. */
  let danaJira: string;
  /** Someone who works in Jira only. */
  let sam: string;

  const keyOf = async (id: string) => (await stored.item(id)).issue_label!;

  /** Every change asked for has been sent to Jira, nobody is syncing the item, and Jira's webhooks have been answered. */
  const inStep = (id: string) => issueInStep(t, id, jira);

  /** An incident with one item, resolved and published; resolves once the item's issue is filed, with its key. */
  async function publishedItem(title: string, description: string, owner: string): Promise<{ channel: string; id: string; key: string }> {
    const { channel, ids } = await publishIncidentWithItems(t, alice, ops, {
      title,
      severity: 'SEV1',
      responders: [dana],
      items: [{ description, owner, type: 'prevent' }],
      resolution: 'Failed over to the replica',
    });
    const [id] = ids as [string];
    await inStep(id);
    return { channel, id, key: await keyOf(id) };
  }

  beforeAll(async () => {
    jira = await FakeJira.start();
    danaJira = jira.addUser({ displayName: 'Dana Lee', emailAddress: 'dana@example.com', emailVisible: false }).accountId;
    sam = jira.addUser({ displayName: 'Sam Rivera', emailAddress: 'sam@example.com' }).accountId;
    t = await startTrackerBot(jira, {
      tracker: 'jira',
      env: {
        JIRA_BASE_URL: jira.url,
        JIRA_EMAIL: jira.account.email,
        JIRA_API_TOKEN: jira.account.apiToken,
        JIRA_PROJECT_KEY: 'OPS',
        JIRA_WEBHOOK_SECRET: SECRET,
      },
      webhookSecret: SECRET,
    });
    stored = trackerRows(t);
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    dana = t.slack.addUser({ name: 'dana', realName: 'Dana Lee', email: 'dana@example.com' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, dana] }).id;
  });
  afterAll(() => stopTrackerBot(t, jira));
  afterEach(() => expect(jira.problems).toEqual([]));

  it('files the issue on publishing: ADF description, due date, labels, and the owner found by email', async () => {
    const { channel, id, key } = await publishedItem('Primary database failover', 'Automate the failover drill', dana);
    expect(jira.callsTo('createIssue')).toHaveLength(1);
    // Filed as the item says: nothing to edit right after.
    expect(jira.callsTo('editIssue')).toEqual([]);
    const issue = jira.issue(key);
    expect(issue).toMatchObject({ projectKey: 'OPS', issueType: 'Task', summary: 'Automate the failover drill', assigneeAccountId: danaJira, dueDate: dayFromNow(30), reporterAccountId: jira.account.accountId });
    expect(issue.labels).toEqual(expect.arrayContaining(['incident', 'sev1', 'prevent']));
    expect(issue.description).toMatchObject({ type: 'doc', version: 1 });
    const text = adfToText(issue.description);
    expect(text).toContain('Why: A follow-up of the SEV1 incident "Primary database failover".');
    expect(text).toContain('Owner: Dana Lee');
    expect(text).toContain(`incident-bot:action-item:${id}`);
    // The channel line is a link back to Slack.
    expect(JSON.stringify(issue.description)).toMatch(new RegExp(`"href":"https?://[^"]*/archives/${channel}"`));
    expect(await stored.item(id)).toMatchObject({ issue_label: key, issue_url: `${jira.url}/browse/${key}` });
    await waitFor(async () => visibleText(await itemDm(t, dana, 'Automate the failover drill')).includes(key));
  });

  it('Mark done in Slack moves the issue to Done with a comment; its webhook changes nothing', async () => {
    const { channel, id, key } = await publishedItem('Queue backlog', 'Alert on queue depth', dana);
    await clickButton(t, dana, await itemDm(t, dana, 'Alert on queue depth'), 'Mark done');
    await waitFor(async () => ((await stored.issue(id)).issue_state === 'done' ? true : undefined));
    await inStep(id);
    const issue = jira.issue(key);
    expect(issue).toMatchObject({ status: { name: 'Done', category: 'done' }, resolution: 'Done' });
    expect(issue.comments.map((c) => [c.authorAccountId, adfToText(c.body)])).toEqual([[jira.account.accountId, 'Marked done in Slack by Dana Lee.']]);
    expect(itemLines(t, channel, 'Alert on queue depth').map((m) => m.text)).toEqual([`:white_check_mark: <@${dana}> marked an action item done: *Alert on queue depth*`]);
    expect(await stored.item(id)).toMatchObject({ status: 'done', status_changed_by: dana });
    expect(jira.callsTo('doTransition').filter((c) => c.path.includes(`/${key}/`))).toHaveLength(1);
  });

  it('Done in Jira marks the item done and tells the channel; Reopen opens it again', async () => {
    const { channel, id, key } = await publishedItem('Cache stampede', 'Add jitter to cache expiry', dana);
    jira.transitionAsUser(key, sam, 'Done');
    await jira.webhooksDelivered();
    expect(await stored.item(id)).toMatchObject({ status: 'done', next_reminder_at: null });
    const dm = await itemDm(t, dana, 'Add jitter to cache expiry');
    expect(visibleText(dm)).toContain(`Closed in Jira by Sam Rivera: marked done (${key}).`);

    jira.transitionAsUser(key, sam, 'Reopen');
    await jira.webhooksDelivered();
    const reopened = await stored.item(id);
    expect(reopened.status).toBe('open');
    expect(reopened.next_reminder_at).not.toBeNull();
    expect(itemLines(t, channel, 'Add jitter to cache expiry').map((m) => m.text)).toEqual([
      `:white_check_mark: An action item was closed in Jira by Sam Rivera: marked done (${key}): *Add jitter to cache expiry*`,
      `:repeat: An action item was reopened in Jira by Sam Rivera (${key}): *Add jitter to cache expiry*`,
    ]);
    await requestsFinished(t);
    // Nothing went back to Jira: no comment, no transition by the bot.
    expect(jira.issue(key).comments).toEqual([]);
    expect(jira.callsTo('doTransition').filter((c) => c.path.includes(key))).toEqual([]);
  });

  it("Won't do in Slack moves the issue to Won't Do; Won't Do in Jira closes the item as won't do", async () => {
    const slackSide = await publishedItem('Slow search', 'Shard the search index', dana);
    await clickButton(t, dana, await itemDm(t, dana, 'Shard the search index'), "Won't do");
    const modal = await topModal(t, dana);
    await t.driver.submitView({ user: dana, viewId: modal.id, fields: { wont_do_reason: 'Search moves to the new cluster' } });
    await waitFor(async () => ((await stored.issue(slackSide.id)).issue_state === 'not_planned' ? true : undefined));
    await inStep(slackSide.id);
    const declined = jira.issue(slackSide.key);
    expect(declined).toMatchObject({ status: { name: "Won't Do" }, resolution: "Won't Do" });
    expect(declined.comments.map((c) => adfToText(c.body))).toEqual(["Closed in Slack by Dana Lee: won't do. Search moves to the new cluster"]);

    const jiraSide = await publishedItem('Flaky deploys', 'Retry the artifact upload', dana);
    jira.transitionAsUser(jiraSide.key, sam, "Won't Do");
    await jira.webhooksDelivered();
    expect(await stored.item(jiraSide.id)).toMatchObject({ status: 'wont_do', status_reason: `Closed as not planned in Jira by Sam Rivera (${jiraSide.key}).` });
    expect(itemLines(t, jiraSide.channel, 'Retry the artifact upload').map((m) => m.text)).toEqual([
      `:no_entry_sign: An action item was closed as not planned in Jira by Sam Rivera: won't do (${jiraSide.key}): *Retry the artifact upload*`,
    ]);
  });

  it('refuses a forged or unsigned delivery to POST /trackers/jira, and takes the same body signed with the secret', async () => {
    const { channel, id, key } = await publishedItem('Forged transitions', 'Rotate the Jira webhook secret', dana);
    // What Jira would send for a close: taken from the real delivery of the bot's own create.
    const created = jira.deliveries.find((d) => d.event === 'jira:issue_created' && (d.payload.issue as { key: string }).key === key)!;
    const payload = structuredClone(created.payload) as { webhookEvent: string; user: Record<string, unknown>; issue: { fields: Record<string, unknown> } };
    payload.webhookEvent = 'jira:issue_updated';
    payload.user = { accountId: sam, displayName: 'Sam Rivera' };
    payload.issue.fields.status = { name: 'Done', statusCategory: { key: 'done' } };
    const body = JSON.stringify(payload);
    const refusedBefore = t.logs.filter((l) => l.msg === 'tracker webhook refused').length;
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${t.bot.port}/trackers/jira`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const unsigned = await post({});
    const forged = await post({ 'x-hub-signature': `sha256=${createHmac('sha256', 'some-other-secret-entirely').update(body).digest('hex')}` });
    expect([unsigned.status, forged.status]).toEqual([401, 401]);
    expect(await stored.item(id)).toMatchObject({ status: 'open' });
    expect(itemLines(t, channel, 'Rotate the Jira webhook secret')).toEqual([]);
    // Signed with the secret, the same body is taken: the route reads what Jira signs.
    const signed = await post({ 'x-hub-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ outcomes: ['closed'] });
    expect(itemLines(t, channel, 'Rotate the Jira webhook secret')).toHaveLength(1);
    expect((await stored.item(id)).status).toBe('done');
    expect(t.logs.filter((l) => l.msg === 'tracker webhook refused')).toHaveLength(refusedBefore + 2);
  });
});
