import { GitHubError } from '../github-error';
import { commentObject } from '../github-objects';
import { addComment } from '../issue-actions';
import { paginate } from '../pagination';
import type { OperationTable } from './operation-context';

export const commentOperations: OperationTable = {
  /** Oldest first (by id), `since` on `updated_at`, paginated. */
  'issues/list-comments': (ctx) => {
    const repo = ctx.repository();
    const issue = ctx.issue(repo);
    const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
    const found = issue.comments.filter((c) => since === undefined || c.updatedAt.getTime() >= since).sort((a, b) => a.id - b.id);
    const page = paginate(found, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: page.items.map((c) => commentObject(ctx.urls, ctx.state, repo, issue, c)),
      ...(page.link ? { headers: { link: page.link } } : {}),
    };
  },

  'issues/create-comment': (ctx) => {
    const repo = ctx.repository();
    ctx.requireWrite(repo);
    const issue = ctx.issue(repo);
    const text = String(ctx.body.body);
    if (text.trim().length === 0) {
      throw GitHubError.validationFailed(ctx.operation.docsUrl, [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
    }
    const { comment, changes } = addComment(ctx.state, repo, issue, ctx.actor.login, text);
    ctx.announce(changes);
    const body = commentObject(ctx.urls, ctx.state, repo, issue, comment);
    return { status: 201, body, headers: { location: body.url } };
  },
};
