import { SlackApiError } from '../slack-api-error';
import { messageObject } from '../slack-objects';
import type { FakeMessage } from '../types';
import { requireNotArchived, visibleChannel, type MethodContext, type MethodTable } from './method-context';

/** Slack takes emoji names with or without the surrounding colons. */
function emojiName(ctx: MethodContext): string {
  const name = (ctx.args.optionalString('name') ?? '').replace(/^:|:$/g, '');
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackApiError('invalid_name');
  return name;
}

/** The message a reactions call points at; `no_item_specified` without channel and timestamp. */
function reactedMessage(ctx: MethodContext): FakeMessage {
  if (!ctx.args.has('channel') || !ctx.args.has('timestamp')) throw new SlackApiError('no_item_specified');
  const channel = visibleChannel(ctx);
  const message = ctx.ws.findMessage(channel.id, ctx.args.string('timestamp'));
  if (!message) throw new SlackApiError('message_not_found');
  return message;
}

export const reactionsMethods: MethodTable = {
  'reactions.add': (ctx) => {
    const name = emojiName(ctx);
    const message = reactedMessage(ctx);
    const channel = visibleChannel(ctx);
    requireNotArchived(channel);
    ctx.ws.addReaction(message, ctx.ws.bot.userId, name);
    return {};
  },

  'reactions.remove': (ctx) => {
    const name = emojiName(ctx);
    const message = reactedMessage(ctx);
    ctx.ws.removeReaction(message, ctx.ws.bot.userId, name);
    return {};
  },

  'reactions.get': (ctx) => {
    const message = reactedMessage(ctx);
    return {
      type: 'message',
      channel: message.channel,
      message: { ...messageObject(message), permalink: ctx.ws.permalink(message.channel, message) },
    };
  },
};
