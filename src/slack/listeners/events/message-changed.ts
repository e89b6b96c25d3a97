import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { messageDeleted, messageEdited } from '../../../timeline/capture-message';
import { toChannelMessage } from '../../slack-timeline-port';
import type { ListenerDeps } from '../deps';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/** Edits and deletions of messages keep the timeline entries captured from them true. */
export function messageChanged(deps: ListenerDeps) {
  return async ({ event }: Args): Promise<void> => {
    if (event.subtype === 'message_changed') {
      const edited = toChannelMessage(event.channel, event.message as Parameters<typeof toChannelMessage>[1]);
      await messageEdited(deps.db, edited);
    } else if (event.subtype === 'message_deleted') {
      await messageDeleted(deps.db, event.channel, event.deleted_ts);
    }
  };
}
