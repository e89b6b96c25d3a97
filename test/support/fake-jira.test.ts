import { FakeJira, allOperations, checkRequestBody, checkResponse, operationById, requestExample, responseExample } from '../../tools/fake-trackers/jira';
import { adf, expectDocumented, jiraApi } from './jira-api';

/** The fake Jira's REST API through plain fetch: issues, validation, auth, transitions, comments, faults. */
describe('FakeJira REST API', () => {
  let jira: FakeJira;
  let dana: string;

  beforeEach(async () => {
    jira = await FakeJira.start();
    dana = jira.addUser({ displayName: 'Dana Owner', emailAddress: 'dana@example.com' }).accountId;
  });
  afterEach(async () => {
    await jira.stop();
    expect(jira.problems).toEqual([]);
  });

  const createBody = (fields: Record<string, unknown> = {}) => ({
    fields: {
      project: { key: 'OPS' },
      issuetype: { name: 'Task' },
      summary: 'Add alerting on queue depth',
      description: adf('Action item from the post-mortem of INC-7.'),
      labels: ['incident', 'INC-7'],
      duedate: '2030-05-11',
      ...fields,
    },
  });

  it('creates an issue with an ADF description, labels and a due date, and shows it back', async () => {
    const created = await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody({ assignee: { accountId: dana }, components: [{ name: 'Backend' }] }) });
    expect(created.status).toBe(201);
    expectDocumented('createIssue', created);
    expect(created.body).toEqual({ id: expect.any(String), key: 'OPS-1', self: `${jira.url}/rest/api/3/issue/${created.body.id}` });

    const fetched = await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1');
    expect(fetched.status).toBe(200);
    expectDocumented('getIssue', fetched);
    expect(fetched.body.fields).toMatchObject({
      summary: 'Add alerting on queue depth',
      description: adf('Action item from the post-mortem of INC-7.'),
      labels: ['incident', 'INC-7'],
      duedate: '2030-05-11',
      assignee: { accountId: dana, displayName: 'Dana Owner' },
      components: [{ name: 'Backend' }],
      status: { name: 'To Do', statusCategory: { key: 'new' } },
      resolution: null,
      reporter: { accountId: jira.account.accountId },
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
    });

    const only = await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1?fields=summary,status');
    expect(Object.keys(only.body.fields)).toEqual(['summary', 'status']);
    expect(jira.issue('OPS-1')).toMatchObject({ assigneeAccountId: dana, dueDate: '2030-05-11', labels: ['incident', 'INC-7'], status: { category: 'new' } });
  });

  it("refuses what Jira refuses with 400 and an ErrorCollection naming the field", async () => {
    const refused = async (fields: Record<string, unknown>) => {
      const answer = await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody(fields) });
      expect(answer.status).toBe(400);
      expectDocumented('createIssue', answer);
      return answer.body as { errorMessages: string[]; errors: Record<string, string> };
    };
    expect((await refused({ description: 'plain text' })).errors.description).toMatch(/Atlassian Document/);
    expect((await refused({ description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] } })).errors.description).toMatch(
      /^INVALID_INPUT .*non-empty text/,
    );
    expect((await refused({ labels: ['post mortem'] })).errors).toEqual({ labels: "The label 'post mortem' contains spaces which is invalid." });
    expect((await refused({ duedate: '11/05/2030' })).errors.duedate).toBe('Error parsing date string: 11/05/2030');
    expect((await refused({ summary: undefined, customfield_10000: 'x' })).errors).toEqual({
      summary: 'You must specify a summary of the issue.',
      customfield_10000: "Field 'customfield_10000' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    expect((await refused({ project: { key: 'NOPE' } })).errors).toEqual({ project: 'Specify a valid project ID or key' });
    expect((await refused({ issuetype: { name: 'Sub-task' } })).errors.parent).toBeDefined();
    expect((await refused({ assignee: { accountId: 'no-such-account' } })).errors.assignee).toBe("User 'no-such-account' cannot be assigned issues.");

    // The request schema itself: `fields` must be an object.
    const malformed = await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: { fields: [] } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.fields).toMatch(/must be object/);
    const notJson = await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: '{"fields":' });
    expect(notJson.status).toBe(400);
    expect(jira.issues()).toEqual([]);
  });

  it('answers 401 to wrong or missing credentials and 404 to what does not exist', async () => {
    const wrongToken = await jiraApi(jira, 'GET', '/rest/api/3/myself', { auth: jira.authorization(jira.account.email, 'not-the-token') });
    expect(wrongToken.status).toBe(401);
    expect(wrongToken.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    expect((await jiraApi(jira, 'POST', '/rest/api/3/issue', { auth: null, body: createBody() })).status).toBe(401);
    const unknownEmail = await jiraApi(jira, 'POST', '/rest/api/3/issue', { auth: jira.authorization('dana@example.com', jira.account.apiToken), body: createBody() });
    expect(unknownEmail.status).toBe(401);
    expectDocumented('createIssue', unknownEmail);
    expect(jira.issues()).toEqual([]);

    const me = await jiraApi(jira, 'GET', '/rest/api/3/myself');
    expect(me.status).toBe(200);
    expectDocumented('getCurrentUser', me);
    expect(me.body).toMatchObject({ accountId: jira.account.accountId, emailAddress: jira.account.email, active: true, timeZone: 'UTC' });

    const project = await jiraApi(jira, 'GET', '/rest/api/3/project/OPS');
    expectDocumented('getProject', project);
    expect(project.body).toMatchObject({ key: 'OPS', id: '10001', issueTypes: [{ name: 'Task', subtask: false }, { name: 'Bug' }, { name: 'Sub-task', subtask: true }] });
    const missingProject = await jiraApi(jira, 'GET', '/rest/api/3/project/NOPE');
    expect(missingProject).toMatchObject({ status: 404, body: { errorMessages: ["No project could be found with key 'NOPE'."] } });
    const missingIssue = await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-99');
    expect(missingIssue).toMatchObject({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] } });
    expect(jira.callsTo('getIssue')).toEqual([expect.objectContaining({ method: 'GET', path: '/rest/api/3/issue/OPS-99', status: 404 })]);
  });

  it('closes through the transition into the done category, then reopens', async () => {
    await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody() });
    const open = await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1/transitions');
    expectDocumented('getTransitions', open);
    type Transition = { id: string; name: string; to: { statusCategory: { key: string } } };
    const transitions = open.body.transitions as Transition[];
    expect(transitions.map((t) => t.name)).toEqual(['In Progress', 'Done', "Won't Do"]);
    const close = transitions.find((t) => t.to.statusCategory.key === 'done');
    expect(close).toMatchObject({ id: '31', name: 'Done' });

    const wrong = await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/transitions', { body: { transition: { id: '51' } } });
    expect(wrong).toMatchObject({ status: 400, body: { errorMessages: ["Transition id '51' is not valid for this issue."] } });
    const numericId = await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/transitions', { body: { transition: { id: 31 } } });
    expect(numericId.status).toBe(400);

    const done = await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/transitions', { body: { transition: { id: close?.id } } });
    expect(done.status).toBe(204);
    expect(done.body).toBeUndefined();
    expect(jira.issue('OPS-1')).toMatchObject({ status: { name: 'Done', category: 'done' }, resolution: 'Done' });
    const closed = await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1?fields=status,resolution,resolutiondate');
    expect(closed.body.fields).toMatchObject({ status: { statusCategory: { key: 'done' } }, resolution: { name: 'Done' }, resolutiondate: expect.any(String) });

    const fromDone = (await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1/transitions')).body.transitions as Transition[];
    expect(fromDone.map((t) => t.name)).toEqual(['Reopen']);
    const reopen = fromDone.find((t) => t.to.statusCategory.key !== 'done');
    expect((await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/transitions', { body: { transition: { id: reopen?.id } } })).status).toBe(204);
    expect(jira.issue('OPS-1')).toMatchObject({ status: { name: 'To Do', category: 'new' }, resolution: null });

    const withHistory = await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1?fields=status&expand=changelog');
    expectDocumented('getIssue', withHistory);
    const [resolution, status] = withHistory.body.changelog.histories[0].items as Array<Record<string, string>>;
    expect(status).toMatchObject({ field: 'status', fromString: 'Done', toString: 'To Do' });
    // The description types `to` and `toString` as strings, so a cleared resolution leaves them out.
    expect(resolution).toEqual({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: '10000', fromString: 'Done' });
  });

  it("asks for a resolution where the workflow's Done transition has a screen", async () => {
    await jira.stop();
    jira = await FakeJira.start({
      workflow: {
        statuses: [
          { id: '1', name: 'Open', category: 'new' },
          { id: '6', name: 'Closed', category: 'done' },
        ],
        transitions: [
          { id: '2', name: 'Close Issue', to: '6', resolutionScreen: 'required' },
          { id: '3', name: 'Reopen Issue', to: '1' },
        ],
      },
    });
    await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody() });
    const listed = await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1/transitions?expand=transitions.fields');
    expectDocumented('getTransitions', listed);
    expect(listed.body.transitions).toEqual([
      expect.objectContaining({ id: '2', hasScreen: true, isGlobal: true, fields: { resolution: expect.objectContaining({ required: true }) } }),
    ]);
    const missing = await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/transitions', { body: { transition: { id: '2' } } });
    expect(missing).toMatchObject({ status: 400, body: { errors: { resolution: 'Resolution is required.' } } });
    const closed = await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/transitions', {
      body: { transition: { id: '2' }, fields: { resolution: { name: "Won't Do" } }, update: { comment: [{ add: { body: adf('Not needed after all.') } }] } },
    });
    expect(closed.status).toBe(204);
    expect(jira.issue('OPS-1')).toMatchObject({ status: { name: 'Closed', category: 'done' }, resolution: "Won't Do", comments: [{ body: adf('Not needed after all.') }] });
  });

  it('edits fields, refusing status and a field set in both fields and update', async () => {
    await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody() });
    const edited = await jiraApi(jira, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: { fields: { assignee: { accountId: dana }, duedate: '2030-06-01' }, update: { labels: [{ add: 'follow-up' }, { remove: 'INC-7' }] } },
    });
    expect(edited.status).toBe(204);
    expectDocumented('editIssue', edited);
    expect(jira.issue('OPS-1')).toMatchObject({ assigneeAccountId: dana, dueDate: '2030-06-01', labels: ['incident', 'follow-up'] });

    const status = await jiraApi(jira, 'PUT', '/rest/api/3/issue/OPS-1', { body: { fields: { status: { name: 'Done' } } } });
    expect(status).toMatchObject({ status: 400, body: { errors: { status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown." } } });
    const both = await jiraApi(jira, 'PUT', '/rest/api/3/issue/OPS-1', { body: { fields: { labels: [] }, update: { labels: [{ add: 'x' }] } } });
    expect(both.status).toBe(400);

    const returned = await jiraApi(jira, 'PUT', '/rest/api/3/issue/OPS-1?returnIssue=true', { body: { fields: { assignee: null } } });
    expect(returned.status).toBe(200);
    expect(returned.body.fields.assignee).toBeNull();
  });

  it('adds and lists ADF comments, refusing an empty or plain-text body', async () => {
    await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody() });
    const added = await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/comment', { body: { body: adf('Linked from the post-mortem.') } });
    expect(added.status).toBe(201);
    expectDocumented('addComment', added);
    expect(added.body).toMatchObject({ id: expect.any(String), author: { accountId: jira.account.accountId }, body: adf('Linked from the post-mortem.') });
    jira.commentAsUser('OPS-1', dana, 'On it.');

    const listed = await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1/comment?orderBy=-created&maxResults=1');
    expectDocumented('getComments', listed);
    expect(listed.body).toMatchObject({ startAt: 0, maxResults: 1, total: 2, comments: [{ author: { accountId: dana }, body: adf('On it.') }] });
    expect((await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1/comment?orderBy=updated')).status).toBe(400);

    const empty = await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/comment', { body: {} });
    expect(empty).toMatchObject({ status: 400, body: { errors: { comment: 'Comment body can not be empty!' } } });
    const text = await jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/comment', { body: { body: 'plain' } });
    expect(text.status).toBe(400);
  });

  it('answers 429 with Retry-After and rate-limit headers, then serves the retry', async () => {
    jira.injectFault('createIssue', { status: 429, retryAfterSeconds: 7 });
    const limited = await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody() });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(Date.parse(limited.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now());
    expect(jira.issues()).toEqual([]);

    const retried = await jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody() });
    expect(retried.status).toBe(201);
    expect(jira.callsTo('createIssue').map((c) => [c.status, c.fault])).toEqual([
      [429, 429],
      [201, undefined],
    ]);

    jira.injectFault('any', { status: 503, times: 2 });
    expect((await jiraApi(jira, 'GET', '/rest/api/3/myself')).status).toBe(503);
    expect((await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1')).status).toBe(503);
    expect((await jiraApi(jira, 'GET', '/rest/api/3/issue/OPS-1')).status).toBe(200);
  });

  it('loses the answer after making the change, and resets before making it', async () => {
    jira.injectFault('createIssue', { status: 'lost-answer' });
    await expect(jiraApi(jira, 'POST', '/rest/api/3/issue', { body: createBody() })).rejects.toThrow();
    expect(jira.issues().map((i) => i.key)).toEqual(['OPS-1']);
    expect(jira.callsTo('createIssue')[0]).toMatchObject({ status: 201, fault: 'lost-answer' });

    jira.injectFault('doTransition', { status: 'reset' });
    await expect(jiraApi(jira, 'POST', '/rest/api/3/issue/OPS-1/transitions', { body: { transition: { id: '31' } } })).rejects.toThrow();
    expect(jira.issue('OPS-1').status.name).toBe('To Do');
  });

  it('holds a call that times out until the client gives up', async () => {
    jira.injectFault('getIssue', { status: 'timeout' });
    const client = new AbortController();
    const pending = fetch(`${jira.url}/rest/api/3/issue/OPS-1`, { headers: { authorization: jira.authorization() }, signal: client.signal });
    const held = await jira.whenCalled('getIssue');
    expect(held).toMatchObject({ status: 0, fault: 'timeout' });
    client.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('records a call outside the subset as a problem', async () => {
    const answer = await jiraApi(jira, 'DELETE', '/rest/api/3/issue/OPS-1');
    expect(answer.status).toBe(404);
    expect(jira.problems).toEqual(['DELETE /rest/api/3/issue/OPS-1 is not an operation of the Jira reference']);
    jira.problems.length = 0;
  });
});

describe('the Jira reference as the fake uses it', () => {
  it("accepts all 18 of Atlassian's examples and refuses a wrong body or an undocumented status", () => {
    const responses = allOperations().flatMap((op) =>
      [...op.responses.keys()].flatMap((status) => {
        const example = responseExample(op, status);
        return example === undefined ? [] : [checkResponse(op, status, example)];
      }),
    );
    const requests = allOperations().flatMap((op) => {
      const example = requestExample(op);
      return example === undefined ? [] : [checkRequestBody(op, example)];
    });
    expect([responses.length, requests.length]).toEqual([13, 5]);
    expect([...responses.flat(), ...requests.flat()]).toEqual([]);

    const create = operationById('createIssue');
    expect(checkResponse(create, 201, { id: 10000, key: 'OPS-1' })).toEqual([expect.stringContaining('/id must be string')]);
    expect(checkResponse(create, 200, { id: '1' })).toEqual(['createIssue answered 200, which the description does not list']);
    expect(allOperations().map((op) => op.operationId)).toHaveLength(14);
  });
});
