import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JiraTrackerConfig } from '../../src/config';
import { JiraTracker, type JiraTrackerOptions } from '../../src/trackers/jira/jira-tracker';
import { itemMarker, type IssueContent, type WebhookReading } from '../../src/trackers/tracker';
import { TrackerError } from '../../src/trackers/tracker-error';
import { FakeJira, adfToText, type FakeJiraOptions } from '../../tools/fake-trackers/jira';

const SECRET = 'jira-webhook-secret-0123456789';

/** What the bot's configuration says for the fake site: its URL, the bot's credentials, project OPS. */
function jiraConfig(jira: FakeJira, overrides: Partial<JiraTrackerConfig> = {}): JiraTrackerConfig {
  return {
    kind: 'jira',
    baseUrl: jira.url,
    email: jira.account.email,
    apiToken: jira.account.apiToken,
    projectKey: 'OPS',
    issueType: 'Task',
    webhookSecret: SECRET,
    ...overrides,
  };
}

/** An action item's issue content with a fresh marker. */
function itemContent(overrides: Partial<IssueContent> = {}): IssueContent {
  return {
    title: 'Add alerting on queue depth',
    lines: [
      { label: 'Incident', text: 'INC-7 Checkout outage', url: 'https://acme.slack.com/archives/C0INC7' },
      { label: 'Owner', text: 'Dana Owner' },
    ],
    marker: itemMarker(randomUUID()),
    labels: ['incident', 'post mortem'],
    dueDate: '2030-02-01',
    assignee: null,
    ...overrides,
  };
}

/** The TrackerError a promise rejects with; fails the test if it resolves or throws something else. */
async function failure(promise: Promise<unknown>): Promise<TrackerError> {
  const error = await promise.then(
    () => new Error('expected the call to fail, and it succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof TrackerError)) throw error;
  return error;
}

describe('JiraTracker', () => {
  let jira: FakeJira;
  let tracker: JiraTracker;
  let dana: string;

  async function start(options: FakeJiraOptions = {}, trackerOptions: JiraTrackerOptions = {}, config: Partial<JiraTrackerConfig> = {}): Promise<void> {
    jira = await FakeJira.start(options);
    dana = jira.addUser({ displayName: 'Dana Owner', emailAddress: 'dana@example.com' }).accountId;
    tracker = new JiraTracker(jiraConfig(jira, config), trackerOptions);
  }

  afterEach(async () => {
    await jira.stop();
    expect(jira.problems).toEqual([]);
  });

  describe('check', () => {
    it('says where issues go and as whom', async () => {
      await start();
      await expect(tracker.check()).resolves.toEqual({ where: 'Jira project OPS (Task)', account: 'Incident Bot' });
      expect(jira.calls.map((c) => c.operationId)).toEqual(['getCurrentUser', 'getProject']);
    });

    it('refuses credentials Jira refuses, in one line without the token', async () => {
      await start();
      const bad = new JiraTracker(jiraConfig(jira, { apiToken: 'not-the-token-at-all' }));
      const error = await failure(bad.check());
      expect(error).toMatchObject({ failure: 'permanent', details: { status: 401 } });
      expect(error.message).toMatch(/^JIRA_EMAIL\/JIRA_API_TOKEN were refused/);
      expect(error.message).not.toContain('not-the-token-at-all');
      expect(error.message).not.toContain('\n');
    });

    it('names an unknown project', async () => {
      await start({}, {}, { projectKey: 'NOPE' });
      const error = await failure(tracker.check());
      expect(error).toMatchObject({ failure: 'permanent', message: 'Jira has no project NOPE that Incident Bot can see (JIRA_PROJECT_KEY)' });
    });

    it('names an unknown issue type and the ones the project has, sub-tasks left out', async () => {
      await start({}, {}, { issueType: 'Story' });
      const error = await failure(tracker.check());
      expect(error).toMatchObject({ failure: 'permanent', message: 'Jira project OPS has no issue type "Story" (JIRA_ISSUE_TYPE); it has "Task", "Bug"' });
    });
  });

  describe('accountFor', () => {
    it('finds the active account with the email, hidden or shown, and remembers it', async () => {
      await start();
      const sam = jira.addUser({ displayName: 'Sam Private', emailAddress: 'sam@example.com', emailVisible: false }).accountId;
      jira.addUser({ displayName: 'Gone Person', emailAddress: 'gone@example.com', active: false });

      await expect(tracker.accountFor({ slackUserId: 'U1', email: 'Dana@Example.com' })).resolves.toBe(dana);
      await expect(tracker.accountFor({ slackUserId: 'U2', email: 'sam@example.com' })).resolves.toBe(sam);
      await expect(tracker.accountFor({ slackUserId: 'U3', email: 'gone@example.com' })).resolves.toBeNull();
      await expect(tracker.accountFor({ slackUserId: 'U4', email: 'nobody@example.com' })).resolves.toBeNull();
      await expect(tracker.accountFor({ slackUserId: 'U5', email: null })).resolves.toBeNull();
      expect(jira.callsTo('findUsers')).toHaveLength(4);
      expect(jira.callsTo('findUsers')[0]?.query).toMatchObject({ query: 'dana@example.com' });

      await expect(tracker.accountFor({ slackUserId: 'U1', email: 'dana@example.com' })).resolves.toBe(dana);
      await expect(tracker.accountFor({ slackUserId: 'U4', email: 'nobody@example.com' })).resolves.toBeNull();
      expect(jira.callsTo('findUsers')).toHaveLength(4);
    });

    it('does not take a partial match by name for the person', async () => {
      await start();
      // A person whose display name starts like the email, with another (visible) email.
      jira.addUser({ displayName: 'lee@example.com', emailAddress: 'lee.other@example.com' });
      await expect(tracker.accountFor({ slackUserId: 'U1', email: 'lee@example.com' })).resolves.toBeNull();
    });
  });

  describe('create and get', () => {
    it('files the issue with an ADF description, labels, due date and assignee, and reads it back', async () => {
      await start();
      const content = itemContent({ assignee: dana });
      const issue = await tracker.create(content);

      expect(issue).toEqual({
        key: 'OPS-1',
        label: 'OPS-1',
        url: `${jira.url}/browse/OPS-1`,
        state: 'open',
        assignee: dana,
        dueDate: '2030-02-01',
        marker: content.marker,
        updatedAt: jira.issue('OPS-1').updated,
      });
      const stored = jira.issue('OPS-1');
      expect(stored).toMatchObject({ projectKey: 'OPS', issueType: 'Task', summary: 'Add alerting on queue depth', dueDate: '2030-02-01', assigneeAccountId: dana });
      const itemId = content.marker.split(':')[2] ?? '';
      expect(stored.labels).toEqual(['incident', 'post-mortem', `incident-bot-item-${itemId.slice(0, 8)}`]);
      expect(stored.description).toEqual({
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Incident: ', marks: [{ type: 'strong' }] },
              { type: 'text', text: 'INC-7 Checkout outage', marks: [{ type: 'link', attrs: { href: 'https://acme.slack.com/archives/C0INC7' } }] },
            ],
          },
          { type: 'paragraph', content: [{ type: 'text', text: 'Owner: ', marks: [{ type: 'strong' }] }, { type: 'text', text: 'Dana Owner' }] },
          { type: 'paragraph', content: [{ type: 'text', text: content.marker }] },
        ],
      });
      expect(jira.callsTo('getIssue')[0]?.query).toEqual({ fields: 'summary,status,assignee,duedate,description,labels,updated,resolution' });
      await expect(tracker.get('OPS-1')).resolves.toEqual(issue);
    });

    it('always labels its issues for the poll, and keeps the summary to one line of 255 characters', async () => {
      await start();
      await tracker.create(itemContent({ labels: ['sev 1', '  '], title: `Fix\nthe ${'x'.repeat(300)}` }));
      const stored = jira.issue('OPS-1');
      expect(stored.labels.slice(0, 2)).toEqual(['sev-1', 'incident']);
      expect(stored.summary).toHaveLength(255);
      expect(stored.summary.startsWith('Fix the xxx')).toBe(true);
    });

    it('files the issue unassigned when Jira refuses the assignee alone, and stops offering that account', async () => {
      await start();
      const lee = jira.addUser({ displayName: 'Lee Viewer', emailAddress: 'lee@example.com', assignable: false }).accountId;
      await expect(tracker.accountFor({ slackUserId: 'U1', email: 'lee@example.com' })).resolves.toBe(lee);
      const issue = await tracker.create(itemContent({ assignee: lee }));
      expect(issue.assignee).toBeNull();
      expect(jira.issues()).toHaveLength(1);
      await expect(tracker.accountFor({ slackUserId: 'U1', email: 'lee@example.com' })).resolves.toBeNull();
    });

    it('answers a missing issue with a permanent failure in Jira words', async () => {
      await start();
      await tracker.create(itemContent());
      const error = await failure(tracker.get('OPS-99'));
      expect(error).toMatchObject({ failure: 'permanent', details: { status: 404 } });
      expect(error.message).toBe('Jira answered 404 to GET /rest/api/3/issue/OPS-99: Issue does not exist or you do not have permission to see it.');
    });
  });

  describe('findByMarker', () => {
    it('finds the issue a create made before its answer was lost, so it is not filed twice', async () => {
      await start();
      const since = new Date();
      const content = itemContent();
      jira.injectFault('createIssue', { status: 'lost-answer' });
      await expect(failure(tracker.create(content))).resolves.toMatchObject({ failure: 'retry' });
      expect(jira.issues()).toHaveLength(1);

      const found = await tracker.findByMarker(content.marker, since);
      expect(found).toMatchObject({ key: 'OPS-1', marker: content.marker, state: 'open' });
      await expect(tracker.findByMarker(itemMarker(randomUUID()), since)).resolves.toBeUndefined();
      expect(jira.issues()).toHaveLength(1);
      // The label narrows the search exactly; the marker in the description confirms it.
      const search = jira.callsTo('searchAndReconsileIssuesUsingJqlPost').at(-1)?.body as { jql: string };
      expect(search.jql).toMatch(/^project = "OPS" AND labels = "incident-bot-item-[0-9a-f]{8}" AND created >= "\d{4}\/\d\d\/\d\d \d\d:\d\d" ORDER BY created ASC$/);
    });

    it('tells apart two items whose labels collide by the full marker', async () => {
      await start();
      const first = itemMarker('0123abcd-0000-4000-8000-000000000001');
      const second = itemMarker('0123abcd-0000-4000-8000-000000000002');
      await tracker.create(itemContent({ marker: first }));
      await tracker.create(itemContent({ marker: second }));
      await expect(tracker.findByMarker(second, new Date(Date.now() - 60_000))).resolves.toMatchObject({ key: 'OPS-2' });
    });

    it('finds it while search lags behind, by reconciling the ids issued after the last one seen', async () => {
      await start({ searchIndexing: 'manual' });
      await tracker.create(itemContent());
      const since = new Date();
      const content = itemContent();
      jira.injectFault('createIssue', { status: 'lost-answer' });
      await failure(tracker.create(content));

      await expect(tracker.findByMarker(content.marker, since)).resolves.toMatchObject({ key: 'OPS-2', marker: content.marker });
    });

    it('after a restart, reconciles from the newest issue the index had before', async () => {
      let now = Date.parse('2030-01-01T09:00:00Z');
      await start({ searchIndexing: 'manual', clock: { now: () => new Date(now) } });
      jira.createIssueAsUser(dana, { summary: 'Older work' });
      jira.indexSearch();
      now += 60 * 60_000;

      const content = itemContent();
      jira.injectFault('createIssue', { status: 'lost-answer' });
      await failure(tracker.create(content));
      const restarted = new JiraTracker(jiraConfig(jira));
      await expect(restarted.findByMarker(content.marker, new Date(now))).resolves.toMatchObject({ key: 'OPS-2' });
    });

    it("writes its date bound in the bot account's time zone", async () => {
      let now = Date.parse('2030-01-01T09:00:00Z');
      await start({
        clock: { now: () => new Date(now) },
        users: [{ displayName: 'Incident Bot', emailAddress: 'bot@example.com', apiToken: 'auckland-token', timeZone: 'Pacific/Auckland' }],
      });
      const early = itemContent();
      await tracker.create(early);
      now += 3 * 60 * 60_000;
      const since = new Date(now);
      const late = itemContent();
      await tracker.create(late);

      await expect(tracker.findByMarker(late.marker, since)).resolves.toMatchObject({ key: 'OPS-2' });
      // 12:00 UTC, less the skew margin, is 00:50 the next day in Auckland (UTC+13).
      const search = jira.callsTo('searchAndReconsileIssuesUsingJqlPost').at(-1)?.body as { jql: string };
      expect(search.jql).toContain('created >= "2030/01/02 00:50"');
      // The first was created three hours before: outside the bound.
      await expect(tracker.findByMarker(early.marker, since)).resolves.toBeUndefined();
    });
  });

  describe('close and reopen', () => {
    it('closes as done through the Done transition, with a comment', async () => {
      await start();
      await tracker.create(itemContent());
      const closed = await tracker.close('OPS-1', 'done', 'Completed in Slack by Dana.');
      expect(closed.state).toBe('done');
      expect(jira.issue('OPS-1')).toMatchObject({ status: { name: 'Done', category: 'done' }, resolution: 'Done' });
      expect(jira.callsTo('doTransition').map((c) => c.body)).toEqual([{ transition: { id: '31' } }]);
      expect(jira.issue('OPS-1').comments.map((c) => adfToText(c.body))).toEqual(['Completed in Slack by Dana.']);
      expect(jira.callsTo('getTransitions')[0]?.query).toEqual({ expand: 'transitions.fields' });
    });

    it("closes as not planned through Won't Do", async () => {
      await start();
      await tracker.create(itemContent());
      const closed = await tracker.close('OPS-1', 'not_planned', "Dropped: we won't do it.");
      expect(closed.state).toBe('not_planned');
      expect(jira.issue('OPS-1')).toMatchObject({ status: { name: "Won't Do" }, resolution: "Won't Do" });
      expect(jira.callsTo('doTransition').map((c) => c.body)).toEqual([{ transition: { id: '41' } }]);
    });

    it('does nothing more to an issue already closed, and does not repeat its comment when retried', async () => {
      await start();
      await tracker.create(itemContent());
      jira.injectFault('doTransition', { status: 'lost-answer' });
      await failure(tracker.close('OPS-1', 'done', 'Completed.'));
      await expect(tracker.close('OPS-1', 'done', 'Completed.')).resolves.toMatchObject({ state: 'done' });
      expect(jira.callsTo('doTransition')).toHaveLength(1);
      expect(jira.issue('OPS-1').comments).toHaveLength(1);

      // A comment lost before the transition is not said twice either.
      await tracker.create(itemContent());
      jira.injectFault('addComment', { status: 'lost-answer' });
      await failure(tracker.close('OPS-2', 'done', 'Completed too.'));
      await tracker.close('OPS-2', 'done', 'Completed too.');
      expect(jira.issue('OPS-2').comments.map((c) => adfToText(c.body))).toEqual(['Completed too.']);
    });

    it('sends a resolution when the transition screen asks for one', async () => {
      await start({
        workflow: {
          statuses: [
            { id: '1', name: 'Open', category: 'new' },
            { id: '6', name: 'Closed', category: 'done' },
          ],
          transitions: [
            { id: '2', name: 'Close Issue', to: '6', from: ['1'], resolutionScreen: 'required' },
            { id: '3', name: 'Reopen Issue', to: '1', from: ['6'] },
          ],
        },
      });
      await tracker.create(itemContent());
      await tracker.create(itemContent());
      await expect(tracker.close('OPS-1', 'not_planned', 'Not needed any more.')).resolves.toMatchObject({ state: 'not_planned' });
      await expect(tracker.close('OPS-2', 'done', 'Done.')).resolves.toMatchObject({ state: 'done' });
      expect(jira.issue('OPS-1')).toMatchObject({ status: { name: 'Closed' }, resolution: "Won't Do" });
      expect(jira.issue('OPS-2')).toMatchObject({ status: { name: 'Closed' }, resolution: 'Done' });
      expect(jira.callsTo('doTransition').map((c) => c.body)).toEqual([
        { transition: { id: '2' }, fields: { resolution: { id: '10001' } } },
        { transition: { id: '2' }, fields: { resolution: { id: '10000' } } },
      ]);
      await expect(tracker.reopen('OPS-1', 'Back on.')).resolves.toMatchObject({ state: 'open' });
      expect(jira.issue('OPS-1')).toMatchObject({ status: { name: 'Open' }, resolution: null });
    });

    it('fails permanently, naming what the workflow offers, when nothing leads to a done status', async () => {
      await start({
        workflow: {
          statuses: [
            { id: '1', name: 'Open', category: 'new' },
            { id: '2', name: 'Doing', category: 'indeterminate' },
          ],
          transitions: [{ id: '11', name: 'Start', to: '2', from: ['1'] }],
        },
      });
      await tracker.create(itemContent());
      const error = await failure(tracker.close('OPS-1', 'done', 'Completed.'));
      expect(error).toMatchObject({ failure: 'permanent' });
      expect(error.message).toBe('Jira offers no way to close OPS-1: no transition leads to a done status (it offers Start → Doing (indeterminate))');
      expect(jira.issue('OPS-1').comments).toHaveLength(0);
    });

    it('reopens a closed issue through Reopen, with a comment, and leaves an open one alone', async () => {
      await start();
      await tracker.create(itemContent());
      jira.transitionAsUser('OPS-1', dana, "Won't Do");
      const reopened = await tracker.reopen('OPS-1', 'Reopened in Slack by Dana.');
      expect(reopened.state).toBe('open');
      expect(jira.issue('OPS-1')).toMatchObject({ status: { name: 'To Do' }, resolution: null });
      expect(jira.callsTo('doTransition').map((c) => c.body)).toEqual([{ transition: { id: '51' } }]);
      expect(jira.issue('OPS-1').comments.map((c) => adfToText(c.body))).toEqual(['Reopened in Slack by Dana.']);

      await expect(tracker.reopen('OPS-1', 'Again?')).resolves.toMatchObject({ state: 'open' });
      expect(jira.callsTo('doTransition')).toHaveLength(1);
      expect(jira.issue('OPS-1').comments).toHaveLength(1);
    });
  });

  describe('update', () => {
    it('sets the assignee and due date, unassigns, and rewrites the body', async () => {
      await start();
      const content = itemContent();
      await tracker.create(content);

      const assigned = await tracker.update('OPS-1', { assignee: dana, dueDate: '2030-03-15' });
      expect(assigned).toMatchObject({ assignee: dana, dueDate: '2030-03-15' });
      expect(jira.callsTo('editIssue')[0]?.body).toEqual({ fields: { assignee: { accountId: dana }, duedate: '2030-03-15' } });

      const rewritten = await tracker.update('OPS-1', { assignee: null, content: { ...content, title: 'Alert on queue depth and age', lines: [{ label: 'Owner', text: 'Sam' }] } });
      expect(rewritten).toMatchObject({ assignee: null, dueDate: '2030-03-15', marker: content.marker });
      expect(jira.issue('OPS-1')).toMatchObject({ summary: 'Alert on queue depth and age', assigneeAccountId: null });
      expect(adfToText(jira.issue('OPS-1').description)).toBe(`Owner: Sam\n${content.marker}`);
      // Labels are the creator's and people's: an update leaves them.
      expect(jira.issue('OPS-1').labels).toContain('post-mortem');
    });

    it('still sets the due date when Jira refuses the assignee', async () => {
      await start();
      const lee = jira.addUser({ displayName: 'Lee Viewer', emailAddress: 'lee@example.com', assignable: false }).accountId;
      await tracker.create(itemContent());
      await expect(tracker.update('OPS-1', { assignee: lee, dueDate: '2030-04-01' })).resolves.toMatchObject({ assignee: null, dueDate: '2030-04-01' });
    });
  });

  describe('failures', () => {
    it('reads a 429 as rate limited, with Retry-After', async () => {
      await start();
      jira.injectFault('getIssue', { status: 429, retryAfterSeconds: 7 });
      const error = await failure(tracker.get('OPS-1'));
      expect(error).toMatchObject({ failure: 'rate_limited', details: { status: 429, retryAfterMs: 7000 } });
      expect(error.message).toBe('Jira answered 429 to GET /rest/api/3/issue/OPS-1: Rate limit exceeded.');
    });

    it('reads a 503 as worth retrying', async () => {
      await start();
      jira.injectFault('createIssue', { status: 503 });
      await expect(failure(tracker.create(itemContent()))).resolves.toMatchObject({ failure: 'retry', details: { status: 503 } });
      expect(jira.issues()).toHaveLength(0);
    });

    it('gives up on a call that is not answered in time, to retry later', async () => {
      await start({}, { timeoutMs: 200 });
      jira.injectFault('getCurrentUser', { status: 'timeout' });
      const error = await failure(tracker.check());
      expect(error.message).toBe('Jira did not answer GET /rest/api/3/myself: no answer within 200 ms');
      expect(error.failure).toBe('retry');
      // The failed read of the account is not kept: the next check asks again.
      await expect(tracker.check()).resolves.toMatchObject({ account: 'Incident Bot' });
    });

    it('retries a dropped connection', async () => {
      await start();
      jira.injectFault('findUsers', { status: 'reset' });
      await expect(failure(tracker.accountFor({ slackUserId: 'U1', email: 'dana@example.com' }))).resolves.toMatchObject({ failure: 'retry' });
    });

    it("puts Jira's field errors on one line", async () => {
      await start();
      const error = await failure(tracker.create(itemContent({ dueDate: '2030-02-30' })));
      expect(error).toMatchObject({ failure: 'permanent', message: 'Jira answered 400 to POST /rest/api/3/issue: duedate: Error parsing date string: 2030-02-30' });
    });
  });

  describe('changedSince', () => {
    it("pages through the bot's issues updated since, by nextPageToken, oldest change first", async () => {
      let now = Date.parse('2030-01-01T09:00:00Z');
      await start({ clock: { now: () => new Date(now) } }, { pageSize: 2 });
      for (let i = 0; i < 5; i += 1) {
        await tracker.create(itemContent({ title: `Action ${i + 1}` }));
        now += 60_000;
      }
      // Labelled like the bot's, but filed by a person: no marker.
      jira.createIssueAsUser(dana, { summary: 'By hand', labels: ['incident'] });
      now += 10 * 60_000;
      await tracker.update('OPS-2', { dueDate: '2030-03-01' });

      const changed = await tracker.changedSince(new Date('2030-01-01T09:02:00Z'));
      expect(changed.map((i) => i.key)).toEqual(['OPS-3', 'OPS-4', 'OPS-5', 'OPS-2']);
      const pages = jira.callsTo('searchAndReconsileIssuesUsingJqlPost');
      expect(pages).toHaveLength(3);
      expect(pages[0]?.body).toMatchObject({
        jql: 'project = "OPS" AND labels = "incident" AND updated >= "2030/01/01 09:02" ORDER BY updated ASC',
        maxResults: 2,
      });
      expect(pages[1]?.body).toHaveProperty('nextPageToken');
      for (const page of pages) expect(page.body).not.toHaveProperty('startAt');
    });
  });

  describe('webhooks', () => {
    let receiver: Server;
    let url: string;
    let readings: WebhookReading[];

    /** The bot's endpoint: the exact body bytes and lower-case headers, handed to readWebhook. */
    async function listen(reader: () => JiraTracker): Promise<void> {
      readings = [];
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const headers: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          readings.push(reader().readWebhook({ headers, body: Buffer.concat(chunks) }));
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/trackers/jira`;
    }

    afterEach(async () => {
      await new Promise((resolve) => receiver.close(resolve));
    });

    it("reads issue changes, telling the bot's own from a person's", async () => {
      await start();
      await listen(() => tracker);
      await tracker.check();
      jira.subscribe(url, SECRET);

      const content = itemContent();
      await tracker.create(content);
      jira.transitionAsUser('OPS-1', dana, 'Done');
      await jira.webhooksDelivered();

      expect(readings).toEqual([
        { kind: 'changes', changes: [{ issue: expect.objectContaining({ key: 'OPS-1', state: 'open', marker: content.marker }), actorName: 'Incident Bot', byBot: true }] },
        { kind: 'changes', changes: [{ issue: expect.objectContaining({ key: 'OPS-1', state: 'done', marker: content.marker }), actorName: 'Dana Owner', byBot: false }] },
      ]);
      const change = readings[1]?.kind === 'changes' ? readings[1].changes[0] : undefined;
      expect(change?.issue).toEqual(await tracker.get('OPS-1'));
    });

    it('ignores issues without a marker, other projects, and refuses forged or unsigned deliveries', async () => {
      await start();
      jira.addProject({ key: 'DEV' });
      await listen(() => tracker);
      jira.subscribe(url, SECRET);
      const marker = itemMarker(randomUUID());
      jira.createIssueAsUser(dana, { summary: 'By hand' });
      jira.createIssueAsUser(dana, { project: { key: 'DEV' }, summary: 'Elsewhere', description: `Copied\n${marker}` });
      await jira.webhooksDelivered();
      expect(readings).toEqual([
        { kind: 'ignored', reason: 'OPS-1 was not filed by the bot' },
        { kind: 'ignored', reason: 'DEV-1 is in project DEV, not OPS' },
      ]);

      readings.length = 0;
      const forged = jira.subscribe(url, 'another-secret-0123456789');
      await tracker.create(itemContent());
      await jira.webhooksDelivered();
      jira.unsubscribe(forged.id);
      jira.subscribe(url);
      jira.transitionAsUser('OPS-2', dana, 'Done');
      await jira.webhooksDelivered();
      // Each event went to two subscriptions, whose deliveries may interleave.
      expect(readings.filter((r) => r.kind === 'changes')).toHaveLength(2);
      expect(readings.filter((r) => r.kind === 'forged')).toEqual([
        { kind: 'forged', reason: 'X-Hub-Signature does not match the body' },
        { kind: 'forged', reason: 'no X-Hub-Signature header' },
      ]);
    });

    it('refuses every delivery while JIRA_WEBHOOK_SECRET is not set', async () => {
      await start({}, {}, { webhookSecret: undefined });
      await listen(() => tracker);
      jira.subscribe(url, SECRET);
      await tracker.create(itemContent());
      await jira.webhooksDelivered();
      expect(readings).toEqual([{ kind: 'forged', reason: 'JIRA_WEBHOOK_SECRET is not set' }]);
    });
  });
});
