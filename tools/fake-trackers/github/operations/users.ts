import { GitHubError } from '../github-error';
import { privateUserObject, publicUserObject } from '../github-objects';
import type { OperationTable } from './operation-context';

export const userOperations: OperationTable = {
  'users/get-authenticated': (ctx) => ({ status: 200, body: privateUserObject(ctx.urls, ctx.actor) }),

  /** The public profile: `email` is the public address or null, never the private one. */
  'users/get-by-username': (ctx) => {
    const user = ctx.state.user(String(ctx.pathParams.username));
    if (!user) throw GitHubError.notFound(ctx.operation.docsUrl);
    return { status: 200, body: publicUserObject(ctx.urls, user) };
  },
};
