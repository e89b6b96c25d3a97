import { SlackApiError } from '../slack-api-error';
import { requireBotMember, visibleChannel, type MethodTable } from './method-context';

export const bookmarksMethods: MethodTable = {
  'bookmarks.add': (ctx) => {
    const channel = visibleChannel(ctx, 'channel_id');
    requireBotMember(ctx, channel);
    const type = ctx.args.string('type');
    if (type !== 'link') throw new SlackApiError('invalid_bookmark_type');
    const link = ctx.args.optionalString('link');
    if (link === undefined || !/^https?:\/\//.test(link)) throw new SlackApiError('invalid_link');
    const now = ctx.ws.nowSeconds();
    const bookmark = {
      id: ctx.ws.ids.next('Bk'),
      channel_id: channel.id,
      title: ctx.args.string('title'),
      link,
      emoji: ctx.args.optionalString('emoji') ?? '',
      icon_url: null,
      type,
      entity_id: null,
      date_created: now,
      date_updated: 0,
      rank: String(ctx.ws.bookmarks.length),
      last_updated_by_user_id: ctx.ws.bot.userId,
      last_updated_by_team_id: ctx.ws.teamId,
      shortcut_id: null,
      app_id: ctx.ws.bot.appId,
    };
    ctx.ws.bookmarks.push(bookmark);
    return { bookmark };
  },
};
