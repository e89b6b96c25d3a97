import type { MethodTable } from './method-context';

/** auth.test and team.info: who the token belongs to. Bolt calls auth.test when it starts. */
export const workspaceInfoMethods: MethodTable = {
  'auth.test': (ctx) => ({
    url: `https://${ctx.ws.domain}.slack.com/`,
    team: ctx.ws.teamName,
    user: ctx.ws.bot.name,
    team_id: ctx.ws.teamId,
    user_id: ctx.ws.bot.userId,
    bot_id: ctx.ws.bot.botId,
    app_id: ctx.ws.bot.appId,
    is_enterprise_install: false,
  }),

  'team.info': (ctx) => ({
    team: {
      id: ctx.ws.teamId,
      name: ctx.ws.teamName,
      domain: ctx.ws.domain,
      email_domain: 'example.com',
      icon: { image_default: true },
    },
  }),
};
