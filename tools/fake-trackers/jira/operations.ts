import { checkAdf } from './adf';
import { JiraError, issueNotFound } from './jira-error';
import type { JiraSite } from './jira-site';
import { commentJson, issueJson, projectJson, selectFields, transitionJson, userJson, type ViewContext } from './jira-views';
import { JqlError } from './jql-parser';
import { compileJql } from './jql-search';
import type { IssueRecord } from './site-records';
import type { AdfDocument, JiraUser } from './types';

/**
 * What each operation of the subset does to the site, by operationId. Requests arrive here
 * authenticated and checked against the reference (parameters typed, body valid); these add
 * Jira's own rules and answer with Jira's JSON.
 */

export interface OperationRequest {
  site: JiraSite;
  view: ViewContext;
  account: JiraUser;
  /** Path and query parameters, typed and defaulted by the reference. */
  params: Record<string, unknown>;
  body: unknown;
  now: number;
  /** The issues search can see: all of them, or as last indexed with these ids read live. */
  searchable(reconcileIds: number[]): IssueRecord[];
}

export interface OperationAnswer {
  status: number;
  body?: unknown;
}

type Handler = (req: OperationRequest) => OperationAnswer;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : []);

function issueFrom(req: OperationRequest): IssueRecord {
  const issue = req.site.findIssue(String(req.params.issueIdOrKey));
  if (!issue) throw issueNotFound();
  return issue;
}

/** Largest page `/search/jql` gives: 5000 ids, fewer when fields are asked for. */
const SEARCH_PAGE_IDS = 5000;
const SEARCH_PAGE_FIELDS = 100;
const RECONCILE_LIMIT = 50;

/** Page tokens are opaque to the client; this one remembers the query and where the next page starts. */
function pageToken(jql: string, startAt: number): string {
  return Buffer.from(JSON.stringify({ jql, startAt })).toString('base64url');
}

function readPageToken(token: string, jql: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { jql?: unknown; startAt?: unknown };
    if (decoded.jql === jql && typeof decoded.startAt === 'number') return decoded.startAt;
  } catch {
    // Falls through to Jira's refusal.
  }
  throw new JiraError(400, ['The provided next page token is invalid or expired.']);
}

function searchJql(req: OperationRequest, input: Record<string, unknown>): OperationAnswer {
  const jql = typeof input.jql === 'string' ? input.jql : '';
  const reconcile = Array.isArray(input.reconcileIssues) ? input.reconcileIssues.map(Number) : [];
  if (reconcile.length > RECONCILE_LIMIT) throw new JiraError(400, [`reconcileIssues accepts at most ${RECONCILE_LIMIT} issue ids.`]);
  const requested = list(input.fields).map((f) => f.trim()).filter(Boolean);
  const fields = selectFields(requested, 'id');
  const expand = list(input.expand);
  let compiled;
  try {
    compiled = compileJql(jql, { site: req.site, viewer: req.account, now: req.now });
  } catch (e) {
    if (e instanceof JqlError) throw new JiraError(400, [e.message]);
    throw e;
  }
  const maxResults = Number(input.maxResults ?? 50);
  if (maxResults < 0) throw new JiraError(400, ["The value of 'maxResults' must not be negative."]);
  const pageSize = Math.min(Math.max(maxResults, 1), fields.length > 0 ? SEARCH_PAGE_FIELDS : SEARCH_PAGE_IDS);
  const startAt = typeof input.nextPageToken === 'string' && input.nextPageToken !== '' ? readPageToken(input.nextPageToken, jql) : 0;

  const found = req.searchable(reconcile).filter((i) => compiled.matches(i)).sort((a, b) => compiled.compare(a, b));
  const page = found.slice(startAt, startAt + pageSize);
  const last = startAt + pageSize >= found.length;
  const withKey = requested.includes('key');
  const issues = page.map((issue) =>
    fields.length > 0 || expand.length > 0 ? issueJson(req.view, issue, fields, expand) : withKey ? { id: issue.id, key: issue.key } : { id: issue.id },
  );
  return { status: 200, body: { issues, ...(last ? {} : { nextPageToken: pageToken(jql, startAt + pageSize) }), isLast: last } };
}

/** Removed from Jira Cloud in 2025 (CHANGE-2046); Jira answers 410 and names the replacement. */
const removedSearch: Handler = () => ({
  status: 410,
  body: {
    errorMessages: [
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
    ],
    errors: {},
  },
});

export const OPERATION_HANDLERS: Record<string, Handler> = {
  getCurrentUser: (req) => ({ status: 200, body: userJson(req.view, req.account) }),

  getProject: (req) => {
    const ref = String(req.params.projectIdOrKey);
    const project = req.site.findProject(ref);
    if (!project) throw new JiraError(404, [`No project could be found with ${/^\d+$/.test(ref) ? 'id' : 'key'} '${ref}'.`]);
    return { status: 200, body: projectJson(req.view, project) };
  },

  createIssue: (req) => {
    const body = req.body as { fields?: Record<string, unknown>; update?: Record<string, unknown> };
    const issue = req.site.createIssue(req.account.accountId, body);
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${req.view.baseUrl}/rest/api/3/issue/${issue.id}` } };
  },

  getIssue: (req) => {
    const issue = issueFrom(req);
    return { status: 200, body: issueJson(req.view, issue, selectFields(list(req.params.fields), '*all'), list(req.params.expand)) };
  },

  editIssue: (req) => {
    const issue = issueFrom(req);
    req.site.editIssue(req.account.accountId, issue, req.body as { fields?: Record<string, unknown>; update?: Record<string, unknown> });
    if (req.params.returnIssue === true) return { status: 200, body: issueJson(req.view, issue, selectFields(undefined, '*all'), list(req.params.expand)) };
    return { status: 204 };
  },

  getTransitions: (req) => {
    const issue = issueFrom(req);
    const project = req.site.projectOf(issue);
    const withFields = list(req.params.expand).includes('transitions.fields');
    const wanted = req.params.transitionId === undefined ? undefined : String(req.params.transitionId);
    const transitions = req.site
      .availableTransitions(issue)
      .filter((t) => wanted === undefined || t.id === wanted)
      .map((t) => transitionJson(req.view, project, t, withFields));
    return { status: 200, body: { expand: 'transitions', transitions } };
  },

  doTransition: (req) => {
    req.site.transition(req.account.accountId, issueFrom(req), req.body as Record<string, unknown>);
    return { status: 204 };
  },

  getComments: (req) => {
    const issue = issueFrom(req);
    const startAt = Number(req.params.startAt ?? 0);
    const maxResults = Math.min(Number(req.params.maxResults ?? 100), 5000);
    const sorted = [...issue.comments].sort((a, b) => (a.created - b.created || Number(a.id) - Number(b.id)) * (req.params.orderBy === '-created' ? -1 : 1));
    return {
      status: 200,
      body: { startAt, maxResults, total: sorted.length, comments: sorted.slice(startAt, startAt + maxResults).map((c) => commentJson(req.view, issue, c)) },
    };
  },

  addComment: (req) => {
    const issue = issueFrom(req);
    const body = isObject(req.body) ? req.body.body : undefined;
    if (body === undefined || body === null || body === '') throw JiraError.fields({ comment: 'Comment body can not be empty!' });
    if (typeof body === 'string') throw JiraError.fields({ comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' });
    const problems = checkAdf(body);
    if (problems.length > 0) throw JiraError.fields({ comment: `INVALID_INPUT (${problems[0]})` });
    const comment = req.site.addComment(req.account.accountId, issue, body as AdfDocument);
    return { status: 201, body: commentJson(req.view, issue, comment) };
  },

  /**
   * Matches `query` against the start of the display name, any word of it, or the email address;
   * an email the person hides is matched only in full, and never shown.
   */
  findUsers: (req) => {
    const { query, accountId, property, username } = req.params;
    if (username !== undefined) throw new JiraError(400, ["The query parameter 'username' is not supported in GDPR strict mode."]);
    if (query === undefined && accountId === undefined && property === undefined) {
      throw new JiraError(400, ["One of the query parameters 'query', 'accountId' or 'property' must be provided."]);
    }
    if (query !== undefined && accountId !== undefined) throw new JiraError(400, ["The query parameters 'query' and 'accountId' cannot be used together."]);
    if (!req.account.canBrowseUsers) return { status: 200, body: [] };
    const q = typeof query === 'string' ? query.trim().toLowerCase() : undefined;
    const matches = (u: JiraUser) => {
      if (accountId !== undefined) return u.accountId === accountId;
      if (property !== undefined) return false;
      if (!q) return false;
      const name = u.displayName.toLowerCase();
      const email = u.emailAddress.toLowerCase();
      const byName = name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
      const byEmail = u.emailVisible ? email.startsWith(q) : email === q;
      return byName || byEmail;
    };
    const found = [...req.site.users.values()].filter((u) => u.active && matches(u)).sort((a, b) => a.displayName.localeCompare(b.displayName));
    const startAt = Number(req.params.startAt ?? 0);
    const maxResults = Math.min(Number(req.params.maxResults ?? 50), 1000);
    return { status: 200, body: found.slice(startAt, startAt + maxResults).map((u) => userJson(req.view, u)) };
  },

  searchAndReconsileIssuesUsingJql: (req) => searchJql(req, req.params),
  searchAndReconsileIssuesUsingJqlPost: (req) => searchJql(req, req.body as Record<string, unknown>),
  searchForIssuesUsingJql: removedSearch,
  searchForIssuesUsingJqlPost: removedSearch,
};
