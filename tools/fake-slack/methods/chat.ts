import { withGeneratedIds } from '../block-ids';
import { TS_FORMAT } from '../ids';
import { readMessageContent } from '../message-content';
import { SlackApiError } from '../slack-api-error';
import { messageObject } from '../slack-objects';
import type { FakeMessage, SlackObject } from '../types';
import {
  messageAt,
  requireBotMember,
  requireCanPost,
  requireNotArchived,
  visibleChannel,
  type MethodContext,
  type MethodTable,
} from './method-context';

const MAX_SCHEDULE_AHEAD_S = 120 * 24 * 60 * 60;

function metadataOf(ctx: MethodContext): SlackObject | undefined {
  const metadata = ctx.args.value('metadata');
  if (metadata === undefined || metadata === null || metadata === '') return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw new SlackApiError('invalid_metadata_format');
  const { event_type: eventType, event_payload: payload } = metadata as SlackObject;
  if (typeof eventType !== 'string' || typeof payload !== 'object' || payload === null) {
    throw new SlackApiError('invalid_metadata_schema');
  }
  return metadata as SlackObject;
}

function threadTsOf(ctx: MethodContext): string | undefined {
  const threadTs = ctx.args.optionalString('thread_ts');
  if (threadTs !== undefined && !TS_FORMAT.test(threadTs)) throw new SlackApiError('invalid_thread_ts');
  return threadTs;
}

export const chatMethods: MethodTable = {
  'chat.postMessage': (ctx) => {
    const channel = visibleChannel(ctx);
    requireNotArchived(channel);
    requireCanPost(ctx, channel);
    const content = readMessageContent(ctx.args.raw, { requireContent: true });
    const metadata = metadataOf(ctx);
    const threadTs = threadTsOf(ctx);
    const message = ctx.ws.appendMessage(
      channel.id,
      {
        ...ctx.ws.botFields(),
        text: content.text ?? '',
        ...(content.blocks ? { blocks: withGeneratedIds(content.blocks) } : {}),
        ...(content.attachments ? { attachments: content.attachments } : {}),
        ...(metadata ? { metadata } : {}),
        ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      },
      { replyBroadcast: threadTs !== undefined && ctx.args.boolean('reply_broadcast') },
    );
    return { channel: channel.id, ts: message.ts, message: messageObject(message) };
  },

  'chat.postEphemeral': (ctx) => {
    const channel = visibleChannel(ctx);
    requireNotArchived(channel);
    const userId = ctx.args.string('user');
    if (!ctx.ws.user(userId) || !channel.members.includes(userId)) throw new SlackApiError('user_not_in_channel');
    requireCanPost(ctx, channel);
    const content = readMessageContent(ctx.args.raw, { requireContent: true });
    const threadTs = threadTsOf(ctx);
    const ts = ctx.ws.nextTs();
    ctx.ws.ephemerals.push({
      channel: channel.id,
      user: userId,
      text: content.text ?? '',
      ts,
      source: 'chat.postEphemeral',
      ...(content.blocks ? { blocks: withGeneratedIds(content.blocks) } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}),
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    });
    return { message_ts: ts };
  },

  'chat.update': (ctx) => {
    const channel = visibleChannel(ctx);
    const message = messageAt(ctx, channel, 'ts');
    if (message.bot_id !== ctx.ws.bot.botId) throw new SlackApiError('cant_update_message');
    requireNotArchived(channel);
    const content = readMessageContent(ctx.args.raw, { requireContent: false });
    const metadata = metadataOf(ctx);
    const text = content.text ?? message.text;
    const blocks = content.blocks ?? message.blocks ?? [];
    const attachments = content.attachments ?? message.attachments ?? [];
    if (text.trim() === '' && blocks.length === 0 && attachments.length === 0 && !message.files?.length) {
      throw new SlackApiError('no_text');
    }
    ctx.ws.editMessage(
      message,
      {
        ...(content.text !== undefined ? { text: content.text } : {}),
        ...(content.blocks !== undefined ? { blocks: withGeneratedIds(content.blocks) } : {}),
        ...(content.attachments !== undefined ? { attachments: content.attachments } : {}),
        ...(metadata ? { metadata } : {}),
      },
      ctx.ws.bot.userId,
    );
    return { channel: channel.id, ts: message.ts, text: message.text, message: messageObject(message) };
  },

  'chat.delete': (ctx) => {
    const channel = visibleChannel(ctx);
    const message = messageAt(ctx, channel, 'ts');
    if (message.bot_id !== ctx.ws.bot.botId) throw new SlackApiError('cant_delete_message');
    ctx.ws.deleteMessage(message);
    return { channel: channel.id, ts: message.ts };
  },

  'chat.getPermalink': (ctx) => {
    const channel = visibleChannel(ctx);
    const message = messageAt(ctx, channel, 'message_ts');
    return { channel: channel.id, permalink: ctx.ws.permalink(channel.id, message) };
  },

  'chat.scheduleMessage': (ctx) => {
    const channel = visibleChannel(ctx);
    requireNotArchived(channel);
    requireBotMember(ctx, channel);
    const postAt = ctx.args.integer('post_at', Number.NaN);
    if (!Number.isFinite(postAt)) throw new SlackApiError('invalid_time');
    const now = ctx.ws.nowSeconds();
    if (postAt <= now) throw new SlackApiError('time_in_past');
    if (postAt > now + MAX_SCHEDULE_AHEAD_S) throw new SlackApiError('time_too_far');
    const content = readMessageContent(ctx.args.raw, { requireContent: true });
    const threadTs = threadTsOf(ctx);
    const scheduled = {
      id: ctx.ws.ids.next('Q'),
      channel: channel.id,
      post_at: postAt,
      text: content.text ?? '',
      date_created: now,
      ...(content.blocks ? { blocks: withGeneratedIds(content.blocks) } : {}),
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    };
    ctx.ws.scheduled.push(scheduled);
    const preview: Partial<FakeMessage> = { ...ctx.ws.botFields(), type: 'message', text: scheduled.text };
    if (scheduled.blocks) preview.blocks = scheduled.blocks;
    return { channel: channel.id, scheduled_message_id: scheduled.id, post_at: postAt, message: preview };
  },
};
