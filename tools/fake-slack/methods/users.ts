import { SlackApiError } from '../slack-api-error';
import { userObject } from '../slack-objects';
import { paginate, type MethodTable } from './method-context';

export const usersMethods: MethodTable = {
  'users.info': (ctx) => {
    const user = ctx.ws.user(ctx.args.optionalString('user') ?? '');
    if (!user) throw new SlackApiError('user_not_found');
    return { user: { ...userObject(user), ...(ctx.args.boolean('include_locale') ? { locale: 'en-US' } : {}) } };
  },

  'users.list': (ctx) => {
    const { page, nextCursor } = paginate([...ctx.ws.users.values()], ctx, 1000, 1000);
    return {
      members: page.map(userObject),
      cache_ts: ctx.ws.nowSeconds(),
      response_metadata: { next_cursor: nextCursor },
    };
  },

  'users.lookupByEmail': (ctx) => {
    const email = (ctx.args.optionalString('email') ?? '').toLowerCase();
    const user = [...ctx.ws.users.values()].find((u) => u.profile.email?.toLowerCase() === email);
    if (!user) throw new SlackApiError('users_not_found');
    return { user: userObject(user) };
  },
};
