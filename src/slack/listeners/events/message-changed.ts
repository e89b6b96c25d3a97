import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { messageDeleted, messageEdited } from '../../../timeline/follow-message';
import { type SlackMessageObject, toChannelMessage } from '../../parse/channel-message';
import type { ListenerDeps } from '../listener-deps';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * Edits and deletions of messages keep the timeline entries captured from them true. A thread
 * parent deleted while it has replies arrives as an edit into a "tombstone": that is a deletion.
 * Every reply seen, new or edited, is remembered with its thread: a reply marked later is then
 * read together with the rest of its thread instead of on its own.
 */
export function messageChanged(deps: ListenerDeps) {
  return async ({ event }: Args): Promise<void> => {
    if (event.subtype === 'message_changed') {
      const message = event.message as SlackMessageObject;
      deps.threadParents.remember(event.channel, message.ts, message.thread_ts);
      if (message.subtype === 'tombstone') await messageDeleted(deps.db, event.channel, message.ts ?? '');
      else await messageEdited(deps.db, toChannelMessage(event.channel, message));
    } else if (event.subtype === 'message_deleted') {
      await messageDeleted(deps.db, event.channel, event.deleted_ts);
    } else {
      const posted = event as SlackMessageObject;
      deps.threadParents.remember(event.channel, posted.ts, posted.thread_ts);
    }
  };
}
