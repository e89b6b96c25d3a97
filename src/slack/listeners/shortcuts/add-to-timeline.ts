import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { incidentForChannel, openIncidentsVisibleTo } from '../../../incidents/incident-queries';
import { addMessageByHand } from '../../../timeline/add-message-by-hand';
import { pickIncidentModal } from '../../blocks/timeline-entry-modals';
import { toChannelMessage } from '../../parse/channel-message';
import { describeError } from '../../reply-error';
import { tellPrivately } from '../../tell-privately';
import { type ListenerDeps, timelineDeps } from '../deps';
import { openModal } from '../open-modal';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/**
 * "Add to incident timeline" on a message. In an incident channel the message is added at once;
 * anywhere else the person picks which open incident it belongs to.
 */
export function addToTimelineShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, context, respond }: Args): Promise<void> => {
    await ack();
    const channelId = shortcut.channel.id;
    const user = shortcut.user.id;
    const message = toChannelMessage(channelId, shortcut.message, context.botUserId);
    try {
      const incident = await incidentForChannel(deps.db, channelId);
      if (message.byBot) {
        await respond({ response_type: 'ephemeral', text: 'Messages from bots and apps are not added to timelines.' });
      } else if (incident?.setupCompletedAt) {
        const added = await addMessageByHand(timelineDeps(deps, client, context.botUserId), incident.id, message, user);
        const text = added ? ":memo: Added to the incident timeline, at the message's own time." : 'That message is already on the timeline.';
        await respond({ response_type: 'ephemeral', text });
      } else {
        const incidents = await openIncidentsVisibleTo(deps.db, user);
        const carried = { channelId, ts: message.ts, authorId: message.authorId, text: message.text, filesNote: message.filesNote };
        await openModal(client, shortcut.trigger_id, pickIncidentModal(incidents, carried));
      }
    } catch (error) {
      const text = `:warning: ${describeError(error, deps.logger, { shortcut: shortcut.callback_id })}`;
      await tellPrivately(client, deps.logger, { user, channel: channelId }, text);
    }
  };
}
