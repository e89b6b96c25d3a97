import { SlackApiError } from '../slack-api-error';
import type { FakeMessage } from '../types';
import { requireBotMember, visibleChannel, type MethodContext, type MethodTable } from './method-context';

function pinnedMessage(ctx: MethodContext): FakeMessage {
  const channel = visibleChannel(ctx);
  if (!ctx.args.has('timestamp')) throw new SlackApiError('no_item_specified');
  const message = ctx.ws.findMessage(channel.id, ctx.args.string('timestamp'));
  if (!message) throw new SlackApiError('message_not_found');
  requireBotMember(ctx, channel);
  return message;
}

export const pinsMethods: MethodTable = {
  'pins.add': (ctx) => {
    const message = pinnedMessage(ctx);
    const pins = ctx.ws.pins;
    if (pins.some((p) => p.channel === message.channel && p.ts === message.ts)) throw new SlackApiError('already_pinned');
    pins.push({ channel: message.channel, ts: message.ts, created: ctx.ws.nowSeconds(), created_by: ctx.ws.bot.userId });
    message.pinned_to = [...(message.pinned_to ?? []), message.channel];
    return {};
  },

  'pins.remove': (ctx) => {
    const message = pinnedMessage(ctx);
    const pins = ctx.ws.pins;
    const index = pins.findIndex((p) => p.channel === message.channel && p.ts === message.ts);
    if (index < 0) throw new SlackApiError('no_pin');
    pins.splice(index, 1);
    const remaining = (message.pinned_to ?? []).filter((c) => c !== message.channel);
    if (remaining.length > 0) message.pinned_to = remaining;
    else delete message.pinned_to;
    return {};
  },
};
