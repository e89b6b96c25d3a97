import { channelNameError } from '../channel-name';
import { TS_FORMAT, compareTs } from '../ids';
import { SlackApiError } from '../slack-api-error';
import { conversationObject, messageObject } from '../slack-objects';
import type { FakeChannel, FakeMessage } from '../types';
import {
  paginate,
  requireBotMember,
  requireScopeFor,
  requireNotArchived,
  visibleChannel,
  type MethodContext,
  type MethodTable,
} from './method-context';

const TOPIC_MAX_LENGTH = 250;
const MPIM_MAX_USERS = 8;

function notForIm(channel: FakeChannel): void {
  if (channel.is_im) throw new SlackApiError('method_not_supported_for_channel_type');
}

function describe(ctx: MethodContext, channel: FakeChannel): Record<string, unknown> {
  return conversationObject(channel, ctx.ws.bot.userId);
}

function joined(ctx: MethodContext, channel: FakeChannel, userId: string, inviter?: string): void {
  if (!channel.members.includes(userId)) channel.members.push(userId);
  ctx.ws.systemMessage(channel.id, 'channel_join', userId, `<@${userId}> has joined the channel`, inviter ? { inviter } : {});
}

function validName(ctx: MethodContext, except?: FakeChannel): string {
  const name = ctx.args.optionalString('name') ?? '';
  const error = channelNameError(name);
  if (error) throw new SlackApiError(error);
  const holder = ctx.ws.channelByName(name);
  // Archived channels keep their names, so they still make a name taken.
  if (holder && holder !== except) throw new SlackApiError('name_taken');
  return name;
}

/** Filters by Slack's latest/oldest/inclusive window (ts strings compared numerically). */
function inWindow(ctx: MethodContext, messages: FakeMessage[]): FakeMessage[] {
  const latest = ctx.args.optionalString('latest');
  const oldest = ctx.args.optionalString('oldest');
  if (latest !== undefined && !TS_FORMAT.test(latest)) throw new SlackApiError('invalid_ts_latest');
  if (oldest !== undefined && !TS_FORMAT.test(oldest)) throw new SlackApiError('invalid_ts_oldest');
  const inclusive = ctx.args.boolean('inclusive');
  return messages.filter((m) => {
    if (latest !== undefined) {
      const c = compareTs(m.ts, latest);
      if (c > 0 || (c === 0 && !inclusive)) return false;
    }
    if (oldest !== undefined) {
      const c = compareTs(m.ts, oldest);
      if (c < 0 || (c === 0 && !inclusive)) return false;
    }
    return true;
  });
}

export const conversationsMethods: MethodTable = {
  'conversations.create': (ctx) => {
    const isPrivate = ctx.args.boolean('is_private');
    requireScopeFor(ctx, { is_private: isPrivate, is_im: false, is_mpim: false });
    const name = validName(ctx);
    const bot = ctx.ws.bot.userId;
    const channel = ctx.ws.addChannel({ name, isPrivate, members: [], creator: bot });
    joined(ctx, channel, bot);
    return { channel: describe(ctx, channel) };
  },

  'conversations.info': (ctx) => {
    const channel = visibleChannel(ctx);
    return {
      channel: conversationObject(channel, ctx.ws.bot.userId, { numMembers: ctx.args.boolean('include_num_members') }),
    };
  },

  'conversations.invite': (ctx) => {
    const channel = visibleChannel(ctx);
    notForIm(channel);
    requireNotArchived(channel);
    requireBotMember(ctx, channel);
    const users = ctx.args.list('users');
    if (users.length === 0) throw new SlackApiError('no_user');
    const errors: Array<{ user: string; ok: false; error: string }> = [];
    const invitable: string[] = [];
    for (const userId of new Set(users)) {
      const user = ctx.ws.user(userId);
      let error: string | undefined;
      if (userId === ctx.ws.bot.userId) error = 'cant_invite_self';
      else if (!user) error = 'user_not_found';
      else if (user.deleted) error = 'cant_invite';
      else if (channel.members.includes(userId)) error = 'already_in_channel';
      if (error) errors.push({ user: userId, ok: false, error });
      else invitable.push(userId);
    }
    const first = errors[0];
    if (first && !ctx.args.boolean('force')) throw new SlackApiError(first.error, { errors });
    for (const userId of invitable) joined(ctx, channel, userId, ctx.ws.bot.userId);
    return { channel: describe(ctx, channel), ...(errors.length > 0 ? { errors } : {}) };
  },

  'conversations.members': (ctx) => {
    const channel = visibleChannel(ctx);
    const { page, nextCursor } = paginate(channel.members, ctx, 100, 1000);
    return { members: page, response_metadata: { next_cursor: nextCursor } };
  },

  'conversations.setTopic': (ctx) => {
    const channel = visibleChannel(ctx);
    requireNotArchived(channel);
    requireBotMember(ctx, channel);
    const topic = ctx.args.optionalString('topic') ?? '';
    if (topic.length > TOPIC_MAX_LENGTH) throw new SlackApiError('too_long');
    const bot = ctx.ws.bot.userId;
    channel.topic = { value: topic, creator: bot, last_set: ctx.ws.nowSeconds() };
    if (!channel.is_im) ctx.ws.systemMessage(channel.id, 'channel_topic', bot, `<@${bot}> set the channel topic: ${topic}`, { topic });
    return { channel: describe(ctx, channel) };
  },

  'conversations.setPurpose': (ctx) => {
    const channel = visibleChannel(ctx);
    requireNotArchived(channel);
    requireBotMember(ctx, channel);
    const purpose = ctx.args.optionalString('purpose') ?? '';
    if (purpose.length > TOPIC_MAX_LENGTH) throw new SlackApiError('too_long');
    const bot = ctx.ws.bot.userId;
    channel.purpose = { value: purpose, creator: bot, last_set: ctx.ws.nowSeconds() };
    if (!channel.is_im) {
      ctx.ws.systemMessage(channel.id, 'channel_purpose', bot, `<@${bot}> set the channel description: ${purpose}`, { purpose });
    }
    return { channel: describe(ctx, channel) };
  },

  'conversations.rename': (ctx) => {
    const channel = visibleChannel(ctx);
    notForIm(channel);
    requireNotArchived(channel);
    requireBotMember(ctx, channel);
    // Only the channel's creator (or an admin) may rename it.
    if (channel.creator !== ctx.ws.bot.userId) throw new SlackApiError('not_authorized');
    const name = validName(ctx, channel);
    if (name !== channel.name) {
      const oldName = channel.name;
      channel.previous_names.unshift(oldName);
      channel.name = name;
      const bot = ctx.ws.bot.userId;
      ctx.ws.systemMessage(channel.id, 'channel_name', bot, `<@${bot}> renamed the channel from "${oldName}" to "${name}"`, {
        old_name: oldName,
        name,
      });
    }
    return { channel: describe(ctx, channel) };
  },

  'conversations.archive': (ctx) => {
    const channel = visibleChannel(ctx);
    notForIm(channel);
    if (channel.is_archived) throw new SlackApiError('already_archived');
    if (channel.is_general) throw new SlackApiError('cant_archive_general');
    requireBotMember(ctx, channel);
    const bot = ctx.ws.bot.userId;
    ctx.ws.systemMessage(channel.id, 'channel_archive', bot, `<@${bot}> archived the channel`);
    channel.is_archived = true;
    return {};
  },

  'conversations.join': (ctx) => {
    const ref = ctx.args.optionalString('channel') ?? '';
    const channel = ctx.ws.channel(ref) ?? ctx.ws.channelByName(ref);
    if (!channel) throw new SlackApiError('channel_not_found');
    if (channel.is_private || channel.is_im || channel.is_mpim) throw new SlackApiError('method_not_supported_for_channel_type');
    requireScopeFor(ctx, channel);
    requireNotArchived(channel);
    const bot = ctx.ws.bot.userId;
    if (channel.members.includes(bot)) {
      return {
        channel: describe(ctx, channel),
        warning: 'already_in_channel',
        response_metadata: { warnings: ['already_in_channel'] },
      };
    }
    joined(ctx, channel, bot);
    return { channel: describe(ctx, channel) };
  },

  'conversations.history': (ctx) => {
    const channel = visibleChannel(ctx);
    requireBotMember(ctx, channel);
    const newestFirst = inWindow(ctx, ctx.ws.topLevel(channel.id)).reverse();
    const { page, nextCursor } = paginate(newestFirst, ctx, 100, 999);
    const pinCount = ctx.ws.pins.filter((p) => p.channel === channel.id).length;
    return {
      messages: page.map(messageObject),
      has_more: nextCursor !== '',
      pin_count: pinCount,
      channel_actions_ts: null,
      channel_actions_count: 0,
      ...(nextCursor !== '' ? { response_metadata: { next_cursor: nextCursor } } : {}),
    };
  },

  'conversations.replies': (ctx) => {
    const channel = visibleChannel(ctx);
    const ts = ctx.args.optionalString('ts') ?? '';
    const message = ctx.ws.findMessage(channel.id, ts);
    if (!message) throw new SlackApiError('thread_not_found');
    // A reply's ts names its whole thread, as the parent's does.
    const parentTs = message.thread_ts ?? message.ts;
    const [parent = message, ...replies] = ctx.ws.thread(channel.id, parentTs);
    const { page, nextCursor } = paginate([parent, ...inWindow(ctx, replies)], ctx, 1000, 1000);
    return {
      messages: page.map(messageObject),
      has_more: nextCursor !== '',
      ...(nextCursor !== '' ? { response_metadata: { next_cursor: nextCursor } } : {}),
    };
  },

  'conversations.open': (ctx) => {
    const returnIm = ctx.args.boolean('return_im');
    const channelRef = ctx.args.optionalString('channel');
    if (channelRef !== undefined) {
      const channel = ctx.ws.resolveChannel(channelRef);
      if (!channel || !(channel.is_im || channel.is_mpim)) throw new SlackApiError('channel_not_found');
      return { no_op: true, already_open: true, channel: returnIm ? describe(ctx, channel) : { id: channel.id } };
    }
    const users = ctx.args.list('users').filter((u) => u !== ctx.ws.bot.userId);
    if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
    if (users.length > MPIM_MAX_USERS) throw new SlackApiError('too_many_users');
    for (const userId of users) {
      const user = ctx.ws.user(userId);
      if (!user) throw new SlackApiError('user_not_found');
      if (user.deleted) throw new SlackApiError('user_disabled');
    }
    requireScopeFor(ctx, { is_private: true, is_im: users.length === 1, is_mpim: users.length > 1 });
    const [only] = users;
    const existed = only !== undefined && users.length === 1 ? ctx.ws.imOf(only) : undefined;
    const channel = users.length === 1 && only !== undefined ? ctx.ws.openIm(only) : ctx.ws.openMpim(users);
    return {
      ...(existed ? { no_op: true, already_open: true } : {}),
      channel: returnIm ? describe(ctx, channel) : { id: channel.id },
    };
  },
};
