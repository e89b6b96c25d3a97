import { GitHubError } from '../github-error';
import { repositoryObject } from '../github-objects';
import type { OperationTable } from './operation-context';

export const repositoryOperations: OperationTable = {
  'repos/get': (ctx) => {
    const repo = ctx.repository();
    const push = ctx.grant.permission !== 'read';
    const permissions = { admin: false, maintain: false, push, triage: push, pull: true };
    return { status: 200, body: { ...repositoryObject(ctx.urls, ctx.state, repo), permissions } };
  },

  /** 204 with no body when the person can be assigned, 404 otherwise. */
  'issues/check-user-can-be-assigned': (ctx) => {
    const repo = ctx.repository();
    if (!ctx.state.canBeAssigned(repo, String(ctx.pathParams.assignee))) throw GitHubError.notFound(ctx.operation.docsUrl);
    return { status: 204 };
  },
};
