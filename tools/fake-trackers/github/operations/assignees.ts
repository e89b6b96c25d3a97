import { issueObject } from '../github-objects';
import { addAssignees, removeAssignees } from '../issue-actions';
import { assigneeLogins } from './issue-fields';
import type { OperationTable } from './operation-context';

export const assigneeOperations: OperationTable = {
  /** Those who cannot be assigned are silently left out, as GitHub documents; others are added. */
  'issues/add-assignees': (ctx) => {
    const repo = ctx.repository();
    ctx.requireWrite(repo);
    const issue = ctx.issue(repo);
    const logins = assigneeLogins(ctx.body.assignees ?? []).filter((login) => ctx.state.canBeAssigned(repo, login));
    ctx.announce(addAssignees(ctx.state, repo, issue, ctx.actor.login, logins));
    return { status: 201, body: issueObject(ctx.urls, ctx.state, repo, issue) };
  },

  'issues/remove-assignees': (ctx) => {
    const repo = ctx.repository();
    ctx.requireWrite(repo);
    const issue = ctx.issue(repo);
    ctx.announce(removeAssignees(ctx.state, repo, issue, ctx.actor.login, ctx.body.assignees ?? []));
    return { status: 200, body: issueObject(ctx.urls, ctx.state, repo, issue) };
  },
};
