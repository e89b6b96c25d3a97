import { createHmac } from 'node:crypto';
import type { FakeMessage } from '../../tools/fake-slack';
import { FakeJira, adfToText } from '../../tools/fake-trackers/jira';
import { requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, topModal } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * Action items as Jira issues, end to end: filed on publishing with an ADF description and the
 * owner found by Jira's user search, closed and reopened both ways through the workflow's
 * transitions, and told of changes by a signed admin webhook.
 */

const SECRET = 'jira-webhook-secret-0123456789';

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('action items as Jira issues', () => {
  let jira: FakeJira;
  let t: TestBot;
  let alice: string;
  let dana: string;
  let ops: string;
  /** Dana's Jira account, found by her Slack email although Jira hides it. */
  let danaJira: string;
  /** Someone who works in Jira only. */
  let sam: string;

  const itemRow = (id: string) => t.bot.database.db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const issueRow = (id: string) => t.bot.database.db.selectFrom('tracker_issues').selectAll().where('item_id', '=', id).executeTakeFirstOrThrow();
  const keyOf = async (id: string) => (await itemRow(id)).issue_label!;
  const dms = (user: string, fragment: string): FakeMessage[] => t.slack.dm(user).filter((m) => visibleText(m).includes(fragment));
  const itemLines = (channel: string, description: string) =>
    t.slack.botMessages(channel).filter((m) => m.text.includes(description) && /marked an action item done|An action item was/.test(m.text));

  /** Every change asked for has been sent to Jira, nobody is syncing the item, and Jira's webhooks have been answered. */
  async function inStep(id: string): Promise<void> {
    await waitFor(async () => {
      const row = await issueRow(id).catch(() => undefined);
      return row?.issue_key && row.synced_version >= row.wanted_version && row.lease_until === null ? true : undefined;
    });
    await jira.webhooksDelivered();
  }

  async function publishedItem(title: string, description: string, owner: string): Promise<{ channel: string; id: string; key: string }> {
    const declared = await declareThroughSlack(t, alice, ops, { title, severity: 'SEV1', responders: [dana] });
    const channel = declared.channel.id;
    const modal = await commandOpeningModal(t, alice, channel, 'action add');
    await t.driver.submitView({ user: alice, viewId: modal.id, fields: { ai_description: description, ai_owner: owner, ai_due: dayFromNow(30), ai_type: 'prevent' } });
    const { id } = await waitFor(() => t.bot.database.db.selectFrom('action_items').select('id').where('description', '=', description).executeTakeFirst());
    await t.driver.command({ user: alice, channel, text: 'resolve Failed over to the replica' });
    await requestsFinished(t);
    await publishThroughSlack(t, alice, channel);
    await inStep(id);
    return { channel, id, key: await keyOf(id) };
  }

  async function itemDm(owner: string, description: string): Promise<FakeMessage> {
    const [first] = await waitFor(() => (dms(owner, description).length ? dms(owner, description) : undefined));
    return t.slack.message(first!.channel, first!.ts)!;
  }

  async function click(user: string, message: FakeMessage, text: string) {
    const button = buttonsOf(t.slack.message(message.channel, message.ts)).find((b) => b.text === text)!;
    return t.driver.blockAction({ user, actionId: button.actionId, container: { type: 'message', channel: message.channel, ts: message.ts } });
  }

  beforeAll(async () => {
    jira = await FakeJira.start();
    danaJira = jira.addUser({ displayName: 'Dana Lee', emailAddress: 'dana@example.com', emailVisible: false }).accountId;
    sam = jira.addUser({ displayName: 'Sam Rivera', emailAddress: 'sam@example.com' }).accountId;
    t = await startTestBot({
      env: {
        TRACKER: 'jira',
        JIRA_BASE_URL: jira.url,
        JIRA_EMAIL: jira.account.email,
        JIRA_API_TOKEN: jira.account.apiToken,
        JIRA_PROJECT_KEY: 'OPS',
        JIRA_WEBHOOK_SECRET: SECRET,
      },
      jobs: { syncIssuesEveryMs: 50, trackerPollEveryMs: 3_600_000, remindersEveryMs: 50 },
    });
    jira.subscribe(`http://127.0.0.1:${t.bot.port}/trackers/jira`, SECRET);
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' }).id;
    dana = t.slack.addUser({ name: 'dana', realName: 'Dana Lee', email: 'dana@example.com' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, dana] }).id;
  });
  afterAll(async () => {
    await t?.stop();
    await jira?.stop();
  });
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
    expect(await itemRow(id)).toMatchObject({ issue_label: key, issue_url: `${jira.url}/browse/${key}` });
    await waitFor(async () => visibleText(await itemDm(dana, 'Automate the failover drill')).includes(key));
  });

  it('Mark done in Slack moves the issue to Done with a comment; its webhook changes nothing', async () => {
    const { channel, id, key } = await publishedItem('Queue backlog', 'Alert on queue depth', dana);
    await click(dana, await itemDm(dana, 'Alert on queue depth'), 'Mark done');
    await waitFor(async () => ((await issueRow(id)).issue_state === 'done' ? true : undefined));
    await inStep(id);
    const issue = jira.issue(key);
    expect(issue).toMatchObject({ status: { name: 'Done', category: 'done' }, resolution: 'Done' });
    expect(issue.comments.map((c) => [c.authorAccountId, adfToText(c.body)])).toEqual([[jira.account.accountId, 'Marked done in Slack by Dana Lee.']]);
    expect(itemLines(channel, 'Alert on queue depth').map((m) => m.text)).toEqual([`:white_check_mark: <@${dana}> marked an action item done: *Alert on queue depth*`]);
    expect(await itemRow(id)).toMatchObject({ status: 'done', status_changed_by: dana });
    expect(jira.callsTo('doTransition').filter((c) => c.path.includes(`/${key}/`))).toHaveLength(1);
  });

  it('Done in Jira marks the item done and tells the channel; Reopen opens it again', async () => {
    const { channel, id, key } = await publishedItem('Cache stampede', 'Add jitter to cache expiry', dana);
    jira.transitionAsUser(key, sam, 'Done');
    await jira.webhooksDelivered();
    expect(await itemRow(id)).toMatchObject({ status: 'done', next_reminder_at: null });
    const dm = await itemDm(dana, 'Add jitter to cache expiry');
    expect(visibleText(dm)).toContain(`Closed in Jira by Sam Rivera: marked done (${key}).`);

    jira.transitionAsUser(key, sam, 'Reopen');
    await jira.webhooksDelivered();
    const reopened = await itemRow(id);
    expect(reopened.status).toBe('open');
    expect(reopened.next_reminder_at).not.toBeNull();
    expect(itemLines(channel, 'Add jitter to cache expiry').map((m) => m.text)).toEqual([
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
    await click(dana, await itemDm(dana, 'Shard the search index'), "Won't do");
    const modal = await topModal(t, dana);
    await t.driver.submitView({ user: dana, viewId: modal.id, fields: { wont_do_reason: 'Search moves to the new cluster' } });
    await waitFor(async () => ((await issueRow(slackSide.id)).issue_state === 'not_planned' ? true : undefined));
    await inStep(slackSide.id);
    const declined = jira.issue(slackSide.key);
    expect(declined).toMatchObject({ status: { name: "Won't Do" }, resolution: "Won't Do" });
    expect(declined.comments.map((c) => adfToText(c.body))).toEqual(["Closed in Slack by Dana Lee: won't do. Search moves to the new cluster"]);

    const jiraSide = await publishedItem('Flaky deploys', 'Retry the artifact upload', dana);
    jira.transitionAsUser(jiraSide.key, sam, "Won't Do");
    await jira.webhooksDelivered();
    expect(await itemRow(jiraSide.id)).toMatchObject({ status: 'wont_do', status_reason: `Closed as not planned in Jira by Sam Rivera (${jiraSide.key}).` });
    expect(itemLines(jiraSide.channel, 'Retry the artifact upload').map((m) => m.text)).toEqual([
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
    expect(await itemRow(id)).toMatchObject({ status: 'open' });
    expect(itemLines(channel, 'Rotate the Jira webhook secret')).toEqual([]);
    // Signed with the secret, the same body is taken: the route reads what Jira signs.
    const signed = await post({ 'x-hub-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ outcomes: ['closed'] });
    expect(itemLines(channel, 'Rotate the Jira webhook secret')).toHaveLength(1);
    expect((await itemRow(id)).status).toBe('done');
    expect(t.logs.filter((l) => l.msg === 'tracker webhook refused')).toHaveLength(refusedBefore + 2);
  });
});
