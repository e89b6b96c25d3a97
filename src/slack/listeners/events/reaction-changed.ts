import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { syncMarkedMessage } from '../../../timeline/sync-marked-message';
import type { ListenerDeps } from '../listener-deps';

type Args = SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'> & AllMiddlewareArgs;

/**
 * The timeline emoji was put on or taken off a message. Other emoji, reactions on files and on
 * the bot's own messages are ignored quietly; whether the channel is an incident's is the
 * timeline's question.
 */
export function reactionChanged(deps: ListenerDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    if (event.reaction !== deps.config.timelineEmoji || event.item.type !== 'message') return;
    if (event.item_user && event.item_user === context.botUserId) return;
    const change = event.type === 'reaction_added' ? 'added' : 'removed';
    await syncMarkedMessage(deps.services(client, context.botUserId).timeline, event.item.channel, event.item.ts, change);
  };
}
