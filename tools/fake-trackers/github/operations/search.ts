import { GitHubError } from '../github-error';
import { issueObject, userObject } from '../github-objects';
import type { IssueRecord, RepositoryRecord, UserRecord } from '../github-state';
import { paginate } from '../pagination';
import { inDateRange, parseSearchQuery, type SearchQualifier } from '../search-query';
import type { OperationContext, OperationTable } from './operation-context';

const lower = (s: string) => s.toLowerCase();

interface Candidate {
  repo: RepositoryRecord;
  issue: IssueRecord;
}

/** Search asked for something the fake cannot answer faithfully: refuse it loudly, never guess. */
function unsupported(ctx: OperationContext, qualifier: SearchQualifier): never {
  const message = `the fake GitHub does not support the search qualifier ${qualifier.name}:${qualifier.value}`;
  ctx.problem(message);
  throw GitHubError.validationFailed(ctx.operation.docsUrl, [{ resource: 'Search', field: 'q', code: 'invalid', message }]);
}

function dateQualifier(ctx: OperationContext, qualifier: SearchQualifier, time: Date | null): boolean {
  if (!time) return false;
  const inside = inDateRange(time, qualifier.value);
  if (inside === undefined) {
    throw GitHubError.validationFailed(ctx.operation.docsUrl, [{ resource: 'Search', field: 'q', code: 'invalid', message: `cannot read the date range ${qualifier.value}` }]);
  }
  return inside;
}

const REASONS: Record<string, string> = { completed: 'completed', 'not planned': 'not_planned', not_planned: 'not_planned', reopened: 'reopened', duplicate: 'duplicate' };

/** Whether one qualifier (before negation) holds for an issue. */
function holds(ctx: OperationContext, { repo, issue }: Candidate, q: SearchQualifier): boolean {
  const value = lower(q.value);
  switch (q.name) {
    case 'repo':
      return lower(repo.fullName) === value;
    case 'org':
    case 'user':
      return lower(repo.owner) === value;
    case 'is':
      if (value === 'issue') return true;
      if (value === 'pr' || value === 'pull-request') return false;
      if (value === 'open' || value === 'closed') return issue.state === value;
      return unsupported(ctx, q);
    case 'type':
      if (value === 'issue') return true;
      if (value === 'pr') return false;
      return unsupported(ctx, q);
    case 'state':
      return issue.state === value;
    case 'reason':
      return issue.stateReason === (REASONS[value] ?? value);
    case 'label':
      return issue.labels.some((l) => lower(l) === value);
    case 'no':
      if (value === 'label') return issue.labels.length === 0;
      if (value === 'assignee') return issue.assignees.length === 0;
      if (value === 'milestone') return true;
      return unsupported(ctx, q);
    case 'assignee':
      return issue.assignees.some((a) => lower(a) === value);
    case 'author':
      return lower(issue.author) === value;
    case 'commenter':
      return issue.comments.some((c) => lower(c.author) === value);
    case 'mentions':
      return new RegExp(`@${value.replace(/[^\w-]/g, '')}\\b`, 'i').test(issue.body ?? '');
    case 'created':
      return dateQualifier(ctx, q, issue.createdAt);
    case 'updated':
      return dateQualifier(ctx, q, issue.updatedAt);
    case 'closed':
      return dateQualifier(ctx, q, issue.closedAt);
    case 'in':
      return true; // read with the free words below
    default:
      return unsupported(ctx, q);
  }
}

function textMatches({ issue }: Candidate, terms: string[], fields: string[]): boolean {
  const texts = [
    ...(fields.includes('title') ? [issue.title] : []),
    ...(fields.includes('body') ? [issue.body ?? ''] : []),
    ...(fields.includes('comments') ? issue.comments.map((c) => c.body) : []),
  ].map(lower);
  return terms.every((term) => texts.some((text) => text.includes(term)));
}

function searchSortKey(sort: unknown): (c: Candidate) => number {
  if (sort === 'updated') return (c) => c.issue.updatedAt.getTime();
  if (sort === 'comments') return (c) => c.issue.comments.length;
  return (c) => c.issue.createdAt.getTime();
}

function userMatches(user: UserRecord, terms: string[], fields: string[]): boolean {
  return terms.every(
    (term) =>
      (fields.includes('login') && lower(user.login).includes(term)) ||
      (fields.includes('name') && lower(user.name ?? '').includes(term)) ||
      // Only a public address can be found; GitHub never searches private ones.
      (fields.includes('email') && lower(user.email ?? '') === term),
  );
}

/**
 * An issue as a search result. GitHub's schema for search items types `body` as a string, not
 * nullable, but does not require it: an issue without a body leaves it out rather than answer
 * `null` where the schema forbids it.
 */
function searchItem(ctx: OperationContext, repo: RepositoryRecord, issue: IssueRecord): Record<string, unknown> {
  const { body, ...rest } = issueObject(ctx.urls, ctx.state, repo, issue);
  return { ...rest, ...(body === null ? {} : { body }), score: 1 };
}

export const searchOperations: OperationTable = {
  /**
   * GitHub's issue search over the repositories the token can see. Supports the qualifiers a
   * tracker integration uses (repo, is, state, reason, label, no, assignee, author, commenter,
   * mentions, created, updated, closed, in); any other is refused with 422 and noted as a problem.
   * Sorted by `sort`/`order`, newest first when no sort is given.
   */
  'search/issues-and-pull-requests': (ctx) => {
    const { terms, qualifiers } = parseSearchQuery(String(ctx.query.q));
    for (const q of qualifiers.filter((q) => q.name === 'repo')) {
      const repo = ctx.state.repository(q.value);
      if (!repo || !ctx.canSee(repo)) {
        throw GitHubError.validationFailed(ctx.operation.docsUrl, [
          {
            resource: 'Search',
            field: 'q',
            code: 'invalid',
            message: 'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
          },
        ]);
      }
    }
    const fields = qualifiers.filter((q) => q.name === 'in').flatMap((q) => lower(q.value).split(','));
    const candidates = ctx.state
      .allRepositories()
      .filter((repo) => ctx.canSee(repo))
      .flatMap((repo) => [...repo.issues.values()].map((issue) => ({ repo, issue })));
    const found = candidates.filter(
      (c) => qualifiers.every((q) => holds(ctx, c, q) !== q.negated) && textMatches(c, terms, fields.length > 0 ? fields : ['title', 'body', 'comments']),
    );
    const key = searchSortKey(ctx.query.sort);
    const sign = ctx.query.sort !== undefined && ctx.query.order === 'asc' ? 1 : -1;
    found.sort((a, b) => sign * (key(a) - key(b)) || b.issue.id - a.issue.id);
    const page = paginate(found, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: {
        total_count: found.length,
        incomplete_results: false,
        search_type: 'lexical',
        items: page.items.map(({ repo, issue }) => searchItem(ctx, repo, issue)),
      },
      ...(page.link ? { headers: { link: page.link } } : {}),
    };
  },

  /** Finds people by login, name or public email (`alice@example.com in:email`), never by a private one. */
  'search/users': (ctx) => {
    const { terms, qualifiers } = parseSearchQuery(String(ctx.query.q));
    let fields = ['login', 'name', 'email'];
    let type: string | undefined;
    for (const q of qualifiers) {
      if (q.name === 'in') fields = lower(q.value).split(',');
      else if (q.name === 'type') type = lower(q.value);
      else unsupported(ctx, q);
    }
    const found = ctx.state
      .allUsers()
      .filter((u) => (type === 'org' ? u.type === 'Organization' : type === 'user' ? u.type !== 'Organization' : true))
      .filter((u) => userMatches(u, terms, fields))
      .sort((a, b) => a.id - b.id);
    const page = paginate(found, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: { total_count: found.length, incomplete_results: false, items: page.items.map((u) => ({ ...userObject(ctx.urls, u), score: 1 })) },
      ...(page.link ? { headers: { link: page.link } } : {}),
    };
  },
};
