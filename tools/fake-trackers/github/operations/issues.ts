import { GitHubError } from '../github-error';
import { issueObject } from '../github-objects';
import type { IssueRecord, RepositoryRecord, StateReason } from '../github-state';
import { createIssue, updateIssue, type IssuePatch } from '../issue-actions';
import { paginate } from '../pagination';
import { labelNames, refuseMilestoneAndType, requestedAssignees, requireAssignable, titleText } from './issue-fields';
import type { OperationContext, OperationTable } from './operation-context';

const lower = (s: string) => s.toLowerCase();

/** The filters of `GET /repos/{owner}/{repo}/issues`, as GitHub documents them. */
function matchesListFilters(ctx: OperationContext, issue: IssueRecord): boolean {
  const q = ctx.query as Record<string, string | undefined>;
  if (q.state !== 'all' && issue.state !== (q.state ?? 'open')) return false;
  if (q.labels) {
    const wanted = q.labels.split(',').map((l) => lower(l.trim())).filter(Boolean);
    if (!wanted.every((w) => issue.labels.some((l) => lower(l) === w))) return false;
  }
  if (q.assignee === 'none' && issue.assignees.length > 0) return false;
  if (q.assignee === '*' && issue.assignees.length === 0) return false;
  if (q.assignee && q.assignee !== 'none' && q.assignee !== '*' && !issue.assignees.some((a) => lower(a) === lower(q.assignee!))) return false;
  if (q.creator && lower(issue.author) !== lower(q.creator)) return false;
  if (q.mentioned && !new RegExp(`@${q.mentioned.replace(/[^\w-]/g, '')}\\b`, 'i').test(issue.body ?? '')) return false;
  // No issue here has a milestone or a type: `none` keeps every issue, anything else keeps none.
  if (q.milestone !== undefined && q.milestone !== 'none') return false;
  if (q.type !== undefined && q.type !== 'none') return false;
  if (q.since !== undefined && issue.updatedAt.getTime() < Date.parse(q.since)) return false;
  return true;
}

function listSortKey(sort: unknown): (issue: IssueRecord) => number {
  if (sort === 'updated') return (i) => i.updatedAt.getTime();
  if (sort === 'comments') return (i) => i.comments.length;
  return (i) => i.createdAt.getTime();
}

function reasonFor(ctx: OperationContext, body: { state?: string; state_reason?: StateReason | null }): StateReason | null | undefined {
  // Reopening is the only way to get `reopened`; asking for it while closing makes no sense to GitHub.
  if (body.state === 'closed' && body.state_reason === 'reopened') {
    throw GitHubError.validationFailed(ctx.operation.docsUrl, [{ resource: 'Issue', code: 'invalid', field: 'state_reason', value: 'reopened' }]);
  }
  return body.state_reason;
}

function issueAnswer(ctx: OperationContext, repo: RepositoryRecord, issue: IssueRecord, status: number, headers?: Record<string, string>) {
  return { status, body: issueObject(ctx.urls, ctx.state, repo, issue), ...(headers ? { headers } : {}) };
}

export const issueOperations: OperationTable = {
  'issues/list-for-repo': (ctx) => {
    const repo = ctx.repository();
    const key = listSortKey(ctx.query.sort);
    const sign = ctx.query.direction === 'asc' ? 1 : -1;
    const found = [...repo.issues.values()]
      .filter((issue) => matchesListFilters(ctx, issue))
      .sort((a, b) => sign * (key(a) - key(b)) || sign * (a.number - b.number));
    const page = paginate(found, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: page.items.map((issue) => issueObject(ctx.urls, ctx.state, repo, issue)),
      ...(page.link ? { headers: { link: page.link } } : {}),
    };
  },

  /**
   * Labels that do not exist yet are created; assignees must be assignable (422 otherwise).
   * Answers 201 with a `Location` header, as GitHub does.
   */
  'issues/create': (ctx) => {
    const repo = ctx.repository();
    ctx.requireWrite(repo);
    if (!repo.hasIssues) throw GitHubError.basic(410, 'Issues are disabled for this repo', ctx.operation.docsUrl);
    const body = ctx.body;
    const title = titleText(ctx, body.title);
    refuseMilestoneAndType(ctx, body);
    const labels = body.labels ? labelNames(ctx, body.labels) : [];
    const assignees = requestedAssignees(body) ?? [];
    requireAssignable(ctx, repo, assignees);
    const { issue, changes } = createIssue(ctx.state, repo, ctx.actor.login, { title, body: body.body ?? null, labels, assignees });
    ctx.announce(changes);
    const answer = issueAnswer(ctx, repo, issue, 201);
    return { ...answer, headers: { location: (answer.body as { url: string }).url } };
  },

  'issues/get': (ctx) => {
    const repo = ctx.repository();
    return issueAnswer(ctx, repo, ctx.issue(repo), 200);
  },

  /**
   * Title, body, state (with `state_reason`), labels and assignees, each replaced when given.
   * See issue-actions.ts for what closing and reopening record.
   */
  'issues/update': (ctx) => {
    const repo = ctx.repository();
    ctx.requireWrite(repo);
    const issue = ctx.issue(repo);
    const body = ctx.body;
    refuseMilestoneAndType(ctx, body);
    const patch: IssuePatch = {};
    if (body.title !== undefined && body.title !== null) patch.title = titleText(ctx, body.title);
    if (body.body !== undefined) patch.body = body.body;
    if (body.state !== undefined) patch.state = body.state;
    const reason = reasonFor(ctx, body);
    if (reason !== undefined) patch.stateReason = reason;
    if (body.labels !== undefined) patch.labels = labelNames(ctx, body.labels);
    const assignees = requestedAssignees(body);
    if (assignees !== undefined) {
      requireAssignable(ctx, repo, assignees);
      patch.assignees = assignees;
    }
    ctx.announce(updateIssue(ctx.state, repo, issue, ctx.actor.login, patch));
    return issueAnswer(ctx, repo, issue, 200);
  },
};
