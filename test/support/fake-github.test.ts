import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeGitHub, GITHUB_REFERENCE_DIR, operationSpec, requestBodyProblems, responseProblems, webhookPayloadProblems } from '../../tools/fake-trackers/github';
import { callGitHub, invalidAnswers, type CallOptions } from './fake-github-helpers';

/**
 * The fake GitHub's REST API, driven with plain fetch the way the bot will drive it: issues for
 * action items, their state and assignees, lists and searches for the periodic poll, and the
 * checks GitHub makes on every call.
 */

const REPO = 'acme/incidents';
const START = new Date('2026-05-04T09:00:00Z');

let github: FakeGitHub;

const call = (method: string, urlPath: string, options?: CallOptions) => callGitHub(github, method, urlPath, options);

beforeEach(async () => {
  github = await FakeGitHub.start({
    now: START,
    users: [
      { login: 'alice', name: 'Alice Martin', email: 'alice@example.com', privateEmail: 'alice@acme.example' },
      { login: 'bob', name: 'Bob Chen', privateEmail: 'bob@acme.example' },
      { login: 'mallory' },
    ],
    repositories: [
      { fullName: REPO, collaborators: ['alice', 'bob', 'postmortem-bot'], labels: [{ name: 'postmortem', color: 'b60205', description: 'From a post-mortem' }] },
      { fullName: 'acme/secret-project' },
    ],
    tokens: [
      { token: 'ghp_bot', login: 'postmortem-bot', repositories: [REPO] },
      { token: 'ghp_readonly', login: 'auditor', permission: 'read' },
    ],
  });
});

afterEach(async () => {
  expect(invalidAnswers(github)).toEqual([]);
  expect(github.problems).toEqual([]);
  await github.stop();
});

describe('creating an action item as an issue', () => {
  it('answers 201 with the issue, creating labels it did not have and assigning the owner', async () => {
    const res = await call('POST', `/repos/${REPO}/issues`, {
      body: { title: 'Add an alert on DNS error rate', body: 'From INC-7.\n\nDue: 2026-05-18', labels: ['postmortem', 'sev1'], assignees: ['alice'] },
    });

    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${github.url}/repos/${REPO}/issues/1`);
    expect(res.json).toMatchObject({
      number: 1,
      state: 'open',
      state_reason: null,
      title: 'Add an alert on DNS error rate',
      user: { login: 'postmortem-bot' },
      assignee: { login: 'alice' },
      assignees: [{ login: 'alice' }],
      labels: [{ name: 'postmortem', color: 'b60205' }, { name: 'sev1', color: 'ededed' }],
      milestone: null,
      comments: 0,
      html_url: `${github.webUrl}/${REPO}/issues/1`,
      created_at: '2026-05-04T09:00:00Z',
    });
    expect(github.labels(REPO)).toEqual(['postmortem', 'sev1']);
    expect(github.callsTo('issues/create')).toHaveLength(1);
    expect(github.callsTo('issues/create')[0]).toMatchObject({ status: 201, login: 'postmortem-bot', body: { title: 'Add an alert on DNS error rate' } });
  });

  it('numbers issues one after another and finds each again', async () => {
    await call('POST', `/repos/${REPO}/issues`, { body: { title: 'First' } });
    const second = await call('POST', `/repos/${REPO}/issues`, { body: { title: 'Second' } });
    expect(second.json.number).toBe(2);

    const got = await call('GET', `/repos/${REPO}/issues/2`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ number: 2, title: 'Second', body: null, id: second.json.id, node_id: second.json.node_id });
    expect((await call('GET', `/repos/${REPO}/issues/3`)).status).toBe(404);
    expect((await call('GET', `/repos/${REPO}/issues/abc`)).status).toBe(404);
  });

  it('refuses a body that does not match the schema with 422, and unparsable JSON with 400', async () => {
    const noTitle = await call('POST', `/repos/${REPO}/issues`, { body: { body: 'no title', labels: 'sev1' } });
    expect(noTitle.status).toBe(422);
    expect(noTitle.json).toMatchObject({
      message: 'Validation Failed',
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
      errors: expect.arrayContaining([
        { resource: 'Issue', code: 'missing_field', field: 'title' },
        expect.objectContaining({ resource: 'Issue', code: 'invalid', field: 'labels', value: 'sev1' }),
      ]),
    });

    const badJson = await call('POST', `/repos/${REPO}/issues`, { raw: '{"title": "x",' });
    expect(badJson.status).toBe(400);
    expect(badJson.json).toMatchObject({ message: 'Problems parsing JSON' });

    const badState = await call('GET', `/repos/${REPO}/issues?state=resolved`);
    expect(badState.status).toBe(422);
    expect(badState.json.errors).toEqual([expect.objectContaining({ field: 'state', code: 'invalid', value: 'resolved' })]);

    expect(github.issues(REPO)).toEqual([]);
  });

  it('refuses an assignee who cannot be assigned, and says who can', async () => {
    const res = await call('POST', `/repos/${REPO}/issues`, { body: { title: 'x', assignees: ['mallory'] } });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ resource: 'Issue', code: 'invalid', field: 'assignees', value: 'mallory' }]);

    expect((await call('GET', `/repos/${REPO}/assignees/alice`)).status).toBe(204);
    expect((await call('GET', `/repos/${REPO}/assignees/mallory`)).status).toBe(404);
    expect(github.issues(REPO)).toEqual([]);
  });
});

describe('who may call', () => {
  it('answers 401 to a wrong or missing token, in GitHub words', async () => {
    const wrong = await call('GET', `/repos/${REPO}/issues`, { token: 'ghp_wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });

    const none = await call('GET', '/user', { token: null });
    expect(none.status).toBe(401);
    expect(none.json.message).toBe('Requires authentication');

    expect((await call('GET', '/user', { headers: { authorization: 'token ghp_bot' } })).status).toBe(200);
  });

  it('hides a repository the token cannot see behind 404, and refuses writes to a read-only token', async () => {
    expect((await call('GET', '/repos/acme/secret-project')).status).toBe(404);
    expect((await call('POST', '/repos/acme/secret-project/issues', { body: { title: 'x' } })).status).toBe(404);

    const readOnly = await call('POST', `/repos/${REPO}/issues`, { token: 'ghp_readonly', body: { title: 'x' } });
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.message).toBe('Resource not accessible by personal access token');
    expect((await call('GET', `/repos/${REPO}`, { token: 'ghp_readonly' })).json.permissions).toMatchObject({ pull: true, push: false });
  });

  it('serves the API at the root, like api.github.com, when asked', async () => {
    const dotCom = await FakeGitHub.start({ apiPath: '' });
    try {
      expect(dotCom.url).toBe(dotCom.webUrl);
      const res = await callGitHub(dotCom, 'GET', '/user');
      expect(res.json).toMatchObject({ login: 'postmortem-bot', html_url: `${dotCom.webUrl}/postmortem-bot` });
      expect(invalidAnswers(dotCom)).toEqual([]);
      expect(dotCom.problems).toEqual([]);
    } finally {
      await dotCom.stop();
    }
  });

  it('answers a path GitHub does not have with 404 and notes it as a problem', async () => {
    expect((await call('GET', `/repos/${REPO}/milestones`)).status).toBe(404);
    expect(github.problems).toEqual([`GET /repos/${REPO}/milestones is not an operation in GitHub's reference data`]);
    github.problems.length = 0;
  });
});

describe('the life of an action item', () => {
  beforeEach(async () => {
    await call('POST', `/repos/${REPO}/issues`, { body: { title: 'Rotate the DNS keys', assignees: ['alice'] } });
  });

  it('closes as not planned with a comment, then reopens', async () => {
    github.advanceTime(60_000);
    const comment = await call('POST', `/repos/${REPO}/issues/1/comments`, { body: { body: 'Dropped in the INC-7 review: covered by INC-9.' } });
    expect(comment.status).toBe(201);
    expect(comment.json).toMatchObject({ body: 'Dropped in the INC-7 review: covered by INC-9.', user: { login: 'postmortem-bot' }, author_association: 'MEMBER' });
    expect(comment.headers.get('location')).toBe(comment.json.url);

    const closed = await call('PATCH', `/repos/${REPO}/issues/1`, { body: { state: 'closed', state_reason: 'not_planned' } });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'not_planned', closed_at: '2026-05-04T09:01:00Z', closed_by: { login: 'postmortem-bot' }, comments: 1 });

    github.advanceTime(60_000);
    const reopened = await call('PATCH', `/repos/${REPO}/issues/1`, { body: { state: 'open' } });
    expect(reopened.json).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null, closed_by: null, updated_at: '2026-05-04T09:02:00Z' });

    const comments = await call('GET', `/repos/${REPO}/issues/1/comments`);
    expect(comments.json.map((c: { body: string }) => c.body)).toEqual(['Dropped in the INC-7 review: covered by INC-9.']);
  });

  it('closes as completed by default, and ignores a reason when the state does not change', async () => {
    await call('PATCH', `/repos/${REPO}/issues/1`, { body: { state: 'closed' } });
    await call('PATCH', `/repos/${REPO}/issues/1`, { body: { state: 'closed', state_reason: 'not_planned' } });
    expect(github.issue(REPO, 1)).toMatchObject({ state: 'closed', stateReason: 'completed', closedBy: 'postmortem-bot' });

    const reopening = await call('PATCH', `/repos/${REPO}/issues/1`, { body: { state: 'closed', state_reason: 'reopened' } });
    expect(reopening.status).toBe(422);
  });

  it('reassigns and moves the due date in the body', async () => {
    const reassigned = await call('PATCH', `/repos/${REPO}/issues/1`, { body: { assignees: ['bob'], body: 'Due: 2026-06-01' } });
    expect(reassigned.json).toMatchObject({ assignee: { login: 'bob' }, assignees: [{ login: 'bob' }], body: 'Due: 2026-06-01' });

    const added = await call('POST', `/repos/${REPO}/issues/1/assignees`, { body: { assignees: ['alice', 'mallory'] } });
    expect(added.status).toBe(201);
    expect(added.json.assignees.map((a: { login: string }) => a.login)).toEqual(['bob', 'alice']); // mallory silently left out

    const removed = await call('DELETE', `/repos/${REPO}/issues/1/assignees`, { body: { assignees: ['bob'] } });
    expect(removed.status).toBe(200);
    expect(github.issue(REPO, 1).assignees).toEqual(['alice']);
  });

  it('shows what a person does on GitHub to the API', async () => {
    github.advanceTime(1000);
    github.commentAsUser(REPO, 1, 'alice', 'Done, keys rotated.');
    github.closeAsUser(REPO, 1, 'alice', 'completed');

    const issue = await call('GET', `/repos/${REPO}/issues/1`);
    expect(issue.json).toMatchObject({ state: 'closed', state_reason: 'completed', closed_by: { login: 'alice' }, comments: 1 });
    expect(github.issue(REPO, 1).comments).toEqual([{ author: 'alice', body: 'Done, keys rotated.' }]);
  });
});

describe('lists and searches for the poll', () => {
  beforeEach(async () => {
    for (let i = 1; i <= 5; i += 1) {
      await call('POST', `/repos/${REPO}/issues`, { body: { title: `Action item ${i}`, labels: i % 2 ? ['postmortem'] : ['other'] } });
      github.advanceTime(60_000);
    }
    github.closeAsUser(REPO, 3, 'alice', 'not_planned');
  });

  it('lists open issues newest first, filtered by labels, state and since', async () => {
    const open = await call('GET', `/repos/${REPO}/issues`);
    expect(open.json.map((i: { number: number }) => i.number)).toEqual([5, 4, 2, 1]);

    const labelled = await call('GET', `/repos/${REPO}/issues?labels=postmortem&state=all&direction=asc`);
    expect(labelled.json.map((i: { number: number }) => i.number)).toEqual([1, 3, 5]);

    // Issue 3 was closed last (09:05), after issue 5 was created (09:04).
    const changed = await call('GET', `/repos/${REPO}/issues?state=all&since=2026-05-04T09:04:00Z&sort=updated`);
    expect(changed.json.map((i: { number: number }) => i.number)).toEqual([3, 5]);
  });

  it('pages with per_page and page and says where the next page is', async () => {
    const first = await call('GET', `/repos/${REPO}/issues?state=all&per_page=2`);
    expect(first.json.map((i: { number: number }) => i.number)).toEqual([5, 4]);
    expect(first.headers.get('link')).toBe(
      `<${github.url}/repos/${REPO}/issues?state=all&per_page=2&page=2>; rel="next", <${github.url}/repos/${REPO}/issues?state=all&per_page=2&page=3>; rel="last"`,
    );

    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!;
    const second = await call('GET', next.slice(github.url.length));
    expect(second.json.map((i: { number: number }) => i.number)).toEqual([3, 2]);
    expect(second.headers.get('link')).toContain('rel="prev"');

    const last = await call('GET', `/repos/${REPO}/issues?state=all&per_page=2&page=3`);
    expect(last.json.map((i: { number: number }) => i.number)).toEqual([1]);
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('searches issues by repository, label, state, reason and update time, with pagination', async () => {
    const q = encodeURIComponent(`repo:${REPO} is:issue label:postmortem is:open`);
    const found = await call('GET', `/search/issues?q=${q}&sort=created&order=asc`);
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ total_count: 2, incomplete_results: false });
    expect(found.json.items.map((i: { number: number }) => i.number)).toEqual([1, 5]);
    expect(found.headers.get('x-ratelimit-resource')).toBe('search');
    expect(found.headers.get('x-ratelimit-limit')).toBe('30');

    const notPlanned = await call('GET', `/search/issues?q=${encodeURIComponent(`repo:${REPO} reason:"not planned"`)}`);
    expect(notPlanned.json.items.map((i: { number: number }) => i.number)).toEqual([3]);

    const recent = await call('GET', `/search/issues?q=${encodeURIComponent(`repo:${REPO} updated:>=2026-05-04T09:03:00Z`)}&per_page=1`);
    expect(recent.json.total_count).toBe(3);
    expect(recent.json.items).toHaveLength(1);
    expect(recent.headers.get('link')).toContain('rel="last"');

    const words = await call('GET', `/search/issues?q=${encodeURIComponent(`"item 4" repo:${REPO}`)}`);
    expect(words.json.items.map((i: { number: number }) => i.number)).toEqual([4]);
  });

  it('refuses a search it cannot answer faithfully, and a repository the token cannot see', async () => {
    expect((await call('GET', '/search/issues')).status).toBe(422); // q is required
    expect((await call('GET', `/search/issues?q=${encodeURIComponent('repo:acme/secret-project')}`)).status).toBe(422);

    const unknown = await call('GET', `/search/issues?q=${encodeURIComponent(`repo:${REPO} linked:pr`)}`);
    expect(unknown.status).toBe(422);
    expect(github.problems).toEqual(['the fake GitHub does not support the search qualifier linked:pr']);
    github.problems.length = 0;
  });

  it('answers 304 to a conditional request for an unchanged issue, without counting it', async () => {
    const first = await call('GET', `/repos/${REPO}/issues/1`);
    const etag = first.headers.get('etag')!;
    const again = await call('GET', `/repos/${REPO}/issues/1`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('x-ratelimit-used')).toBe(first.headers.get('x-ratelimit-used'));

    github.commentAsUser(REPO, 1, 'bob', 'Any news?');
    expect((await call('GET', `/repos/${REPO}/issues/1`, { headers: { 'if-none-match': etag } })).status).toBe(200);
  });
});

describe('people', () => {
  it('shows the token user, a public profile with the public email only, and finds people by it', async () => {
    expect((await call('GET', '/user')).json).toMatchObject({ login: 'postmortem-bot', two_factor_authentication: true });
    expect((await call('GET', '/users/alice')).json).toMatchObject({ login: 'alice', name: 'Alice Martin', email: 'alice@example.com' });
    expect((await call('GET', '/users/bob')).json).toMatchObject({ login: 'bob', email: null });
    expect((await call('GET', '/users/nobody')).status).toBe(404);
    expect(github.user('bob')?.privateEmail).toBe('bob@acme.example');

    const byEmail = await call('GET', `/search/users?q=${encodeURIComponent('alice@example.com in:email')}`);
    expect(byEmail.json.items.map((u: { login: string }) => u.login)).toEqual(['alice']);
    const privateOnly = await call('GET', `/search/users?q=${encodeURIComponent('bob@acme.example in:email')}`);
    expect(privateOnly.json).toMatchObject({ total_count: 0, items: [] });
  });
});

describe('the reference data', () => {
  const index = JSON.parse(readFileSync(path.join(GITHUB_REFERENCE_DIR, 'operations-index.json'), 'utf8')) as {
    operations: { operationId: string; method: string; path: string }[];
  };
  const SAMPLE: Record<string, string> = {
    owner: 'acme',
    repo: 'incidents',
    username: 'alice',
    assignee: 'alice',
    issue_number: '1',
    pull_number: '1',
    ref: 'heads/main',
    path: 'docs/postmortems/INC-7.md',
  };

  it('finds what the reference README says about GitHub examples: 34 of 42 validate, 8 do not', () => {
    const failing: string[] = [];
    let total = 0;
    for (const { operationId } of index.operations) {
      const spec = operationSpec(operationId)!;
      for (const [name, example] of Object.entries(spec.requestBody?.content['application/json']?.examples ?? {})) {
        total += 1;
        if (requestBodyProblems(operationId, example.value).length > 0) failing.push(`${operationId} request ${name}`);
      }
      for (const [status, response] of Object.entries(spec.responses)) {
        for (const [contentType, content] of Object.entries(response.content ?? {})) {
          for (const [name, example] of Object.entries(content.examples ?? {})) {
            total += 1;
            if (responseProblems(operationId, Number(status), example.value, contentType).length > 0) failing.push(`${operationId} ${status} ${name}`);
          }
        }
      }
    }
    expect(total).toBe(42);
    expect(failing.sort()).toEqual([
      'issues/get 200 default',
      'issues/get 200 pinned_comment',
      'pulls/create 201 default',
      'pulls/get 200 default',
      'pulls/request-reviewers 201 default',
      'pulls/update 200 default',
      'repos/get 200 default-response',
      'search/issues-and-pull-requests 200 lexical-fallback',
    ]);
    expect(webhookPayloadProblems('issues', 'closed', { action: 'closed' })).not.toEqual([]);
  });

  it('routes every operation by method and path template (multi-segment parameters included)', async () => {
    for (const op of index.operations) {
      const concrete = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => SAMPLE[name]!);
      const res = await call(op.method, concrete, { token: 'ghp_wrong' });
      expect({ op: op.operationId, status: res.status }).toEqual({ op: op.operationId, status: 401 });
      expect(github.calls.at(-1)?.operationId).toBe(op.operationId);
    }
  });

  it('refuses an operation it does not implement with 501 and a problem, never with made-up data', async () => {
    const res = await call('GET', `/repos/${REPO}/git/ref/heads/main`);
    expect(res.status).toBe(501);
    expect(github.problems).toEqual(["git/get-ref is in GitHub's reference data but the fake does not implement it"]);
    github.problems.length = 0;
  });
});
