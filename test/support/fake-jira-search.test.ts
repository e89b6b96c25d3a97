import { FakeJira } from '../../tools/fake-trackers/jira';
import { expectDocumented, jiraApi } from './jira-api';

/** JQL search through `/rest/api/3/search/jql` and user search, as the bot's poll and owner lookup use them. */
describe('FakeJira search', () => {
  let jira: FakeJira;
  let now: number;
  const minutes = (n: number) => n * 60_000;

  async function start(options: Parameters<typeof FakeJira.start>[0] = {}): Promise<FakeJira> {
    now = Date.parse('2030-01-01T09:58:00Z');
    jira = await FakeJira.start({ clock: { now: () => new Date(now) }, ...options });
    jira.addProject({ key: 'DEV', name: 'Development' });
    return jira;
  }

  /** Issues made one minute apart by someone in Jira: OPS-1..5 labelled incident, OPS-6 not, DEV-1 labelled. */
  function fillSite(): void {
    for (let i = 1; i <= 5; i += 1) {
      jira.createIssueAsUser(jira.account.accountId, { summary: `Action ${i}`, labels: ['incident'] });
      now += minutes(1);
    }
    jira.createIssueAsUser(jira.account.accountId, { summary: 'Unrelated chore' });
    jira.createIssueAsUser(jira.account.accountId, { project: { key: 'DEV' }, summary: 'Elsewhere', labels: ['incident'] });
  }

  afterEach(async () => {
    await jira.stop();
    expect(jira.problems).toEqual([]);
  });

  it('pages through a bounded JQL query with nextPageToken until isLast', async () => {
    await start();
    fillSite();
    // A person touches OPS-2 last, so it sorts last by updated.
    now += minutes(10);
    jira.setDueDateAsUser('OPS-2', jira.account.accountId, '2030-02-01');

    const jql = 'project = OPS AND labels = incident AND updated >= "2030-01-01 10:00" ORDER BY updated ASC';
    const keys: string[][] = [];
    let token: string | undefined;
    for (;;) {
      const query = new URLSearchParams({ jql, maxResults: '2', fields: 'summary,updated,status' });
      if (token) query.set('nextPageToken', token);
      const page = await jiraApi(jira, 'GET', `/rest/api/3/search/jql?${query}`);
      expect(page.status).toBe(200);
      expectDocumented('searchAndReconsileIssuesUsingJql', page);
      keys.push(page.body.issues.map((i: { key: string }) => i.key));
      expect(page.body).not.toHaveProperty('total');
      token = page.body.nextPageToken;
      expect(page.body.isLast).toBe(token === undefined);
      if (!token) break;
    }
    // OPS-1 was updated at 09:58, before the bound.
    expect(keys).toEqual([['OPS-3', 'OPS-4'], ['OPS-5', 'OPS-2']]);

    const idsOnly = await jiraApi(jira, 'GET', `/rest/api/3/search/jql?${new URLSearchParams({ jql: 'labels = incident ORDER BY key ASC' })}`);
    // Without `fields`, /search/jql gives ids alone.
    expect(idsOnly.body.issues).toEqual(['DEV-1', 'OPS-1', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-5'].map((key) => ({ id: jira.issue(key).id })));
    expect(idsOnly.body.isLast).toBe(true);
  });

  it('searches by key with POST and refuses what the new endpoint does not take', async () => {
    await start();
    fillSite();
    const byKey = await jiraApi(jira, 'POST', '/rest/api/3/search/jql', { body: { jql: 'key in (OPS-3, "OPS-1", DEV-1) ORDER BY key DESC', fields: ['status', 'labels'] } });
    expect(byKey.status).toBe(200);
    expectDocumented('searchAndReconsileIssuesUsingJqlPost', byKey);
    expect(byKey.body.issues.map((i: { key: string }) => i.key)).toEqual(['OPS-3', 'OPS-1', 'DEV-1']);
    expect(byKey.body.issues[0].fields).toEqual({ labels: ['incident'], status: expect.objectContaining({ name: 'To Do' }) });

    const refused = async (body: Record<string, unknown>) => {
      const answer = await jiraApi(jira, 'POST', '/rest/api/3/search/jql', { body });
      expect(answer.status).toBe(400);
      expectDocumented('searchAndReconsileIssuesUsingJqlPost', answer);
      return answer.body.errorMessages as string[];
    };
    // Jira refuses a search naming an issue that does not exist, rather than leaving it out.
    expect(await refused({ jql: 'key in (OPS-1, OPS-99)' })).toEqual(["An issue with key 'OPS-99' does not exist for field 'key'."]);
    expect(await refused({ jql: 'project = NOPE' })).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
    expect(await refused({ jql: 'ORDER BY updated DESC' })).toEqual(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    expect(await refused({ jql: 'project = OPS AND' })).toEqual([expect.stringMatching(/^Error in the JQL Query: Expecting a field name/)]);
    expect(await refused({ jql: 'colour = red' })).toEqual(["Field 'colour' does not exist or you do not have permission to view it."]);
    expect(await refused({ jql: 'updated >= "yesterday"' })).toEqual([expect.stringMatching(/^Date value 'yesterday' for field 'updated' is invalid/)]);
    // startAt belonged to the removed /search; /search/jql pages with nextPageToken only.
    expect(await refused({ jql: 'project = OPS', startAt: 2 })).toEqual(['must NOT have additional properties: startAt']);

    const removed = await jiraApi(jira, 'GET', `/rest/api/3/search?${new URLSearchParams({ jql: 'project = OPS' })}`);
    expect(removed.status).toBe(410);
    expect(removed.body.errorMessages[0]).toMatch(/\/rest\/api\/3\/search\/jql/);
    expect(jira.problems).toEqual([expect.stringContaining('searchForIssuesUsingJql was called')]);
    jira.problems.length = 0;
  });

  it("reads JQL dates in the searcher's time zone and matches != only where the field has a value", async () => {
    await start({ users: [{ displayName: 'Paris Bot', emailAddress: 'bot@example.com', apiToken: 'paris-token', timeZone: 'Europe/Paris' }] });
    fillSite();
    jira.assignAsUser('OPS-4', jira.account.accountId, jira.account.accountId);
    const search = async (jql: string) =>
      (await jiraApi(jira, 'GET', `/rest/api/3/search/jql?${new URLSearchParams({ jql, fields: 'summary' })}`)).body.issues.map((i: { key: string }) => i.key);
    // 11:00 in Paris is 10:00 UTC: OPS-3 (10:00 UTC) onwards.
    expect(await search('project = OPS AND updated >= "2030-01-01 11:00" AND labels = incident ORDER BY key ASC')).toEqual(['OPS-3', 'OPS-4', 'OPS-5']);
    expect(await search('project = OPS AND updated >= "2030-01-01 10:00" AND labels = incident ORDER BY key ASC')).toEqual(['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-5']);
    // OPS-6 has no labels, so `labels != incident` does not find it.
    expect(await search('project = OPS AND labels != incident')).toEqual([]);
    expect(await search('project = OPS AND (labels != incident OR labels is EMPTY)')).toEqual(['OPS-6']);
    expect(await search('assignee = currentUser() AND statusCategory != Done')).toEqual(['OPS-4']);
  });

  it('shows new issues to search only once indexed, or when reconciled', async () => {
    await start({ searchIndexing: 'manual' });
    const issue = jira.createIssueAsUser(jira.account.accountId, { summary: 'Fresh', labels: ['incident'] });
    const search = async (extra: Record<string, unknown> = {}) =>
      (await jiraApi(jira, 'POST', '/rest/api/3/search/jql', { body: { jql: 'labels = incident', ...extra } })).body.issues;
    expect(await search()).toEqual([]);
    expect(await search({ reconcileIssues: [Number(issue.id)] })).toEqual([{ id: issue.id }]);
    jira.indexSearch();
    expect(await search()).toEqual([{ id: issue.id }]);
  });

  it('finds users by email or name, hiding an email the person keeps private', async () => {
    await start();
    const dana = jira.addUser({ displayName: 'Dana Owner', emailAddress: 'dana@example.com' });
    const sam = jira.addUser({ displayName: 'Sam Private', emailAddress: 'sam@example.com', emailVisible: false });
    jira.addUser({ displayName: 'Gone Person', emailAddress: 'gone@example.com', active: false });
    const find = async (query: Record<string, string>) => {
      const answer = await jiraApi(jira, 'GET', `/rest/api/3/user/search?${new URLSearchParams(query)}`);
      expectDocumented('findUsers', answer);
      return answer;
    };

    const byEmail = await find({ query: 'dana@example.com' });
    expect(byEmail.body).toEqual([expect.objectContaining({ accountId: dana.accountId, emailAddress: 'dana@example.com', displayName: 'Dana Owner' })]);
    const hidden = await find({ query: 'sam@example.com' });
    expect(hidden.body).toEqual([expect.objectContaining({ accountId: sam.accountId })]);
    expect(hidden.body[0]).not.toHaveProperty('emailAddress');
    expect((await find({ query: 'sam@' })).body).toEqual([]);
    expect((await find({ query: 'owner' })).body.map((u: { accountId: string }) => u.accountId)).toEqual([dana.accountId]);
    expect((await find({ query: 'gone@example.com' })).body).toEqual([]);
    expect((await find({ accountId: dana.accountId })).body).toHaveLength(1);
    expect((await find({})).status).toBe(400);
  });

  it('answers an empty list to an account without permission to browse users', async () => {
    await start({ users: [{ displayName: 'Restricted Bot', emailAddress: 'bot@example.com', apiToken: 't', canBrowseUsers: false }] });
    jira.addUser({ displayName: 'Dana Owner', emailAddress: 'dana@example.com' });
    const answer = await jiraApi(jira, 'GET', '/rest/api/3/user/search?query=dana%40example.com');
    expect(answer).toMatchObject({ status: 200, body: [] });
  });
});
