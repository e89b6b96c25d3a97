import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { incidentForChannel, openIncidentsVisibleTo } from '../../../incidents/incident-queries';
import { addMessage } from '../../../timeline/capture-message';
import { CARRIED_TEXT_MAX, pickIncidentModal } from '../../blocks/timeline-entry-modals';
import { describeError } from '../../reply-error';
import { toChannelMessage } from '../../slack-timeline-port';
import { type ListenerDeps, timelineDeps } from '../deps';
import { openModal } from '../open-modal';
import { tellPrivately } from '../tell-privately';

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
    try {
      const incident = await incidentForChannel(deps.db, channelId);
      if (!incident?.setupCompletedAt) {
        const incidents = await openIncidentsVisibleTo(deps.db, user);
        const message = toChannelMessage(channelId, shortcut.message, context.botUserId);
        const carried = { channelId, ts: message.ts, authorId: message.authorId, filesNote: message.filesNote };
        const text = message.text.length > CARRIED_TEXT_MAX ? `${message.text.slice(0, CARRIED_TEXT_MAX)}…` : message.text;
        await openModal(client, shortcut.trigger_id, pickIncidentModal(incidents, { ...carried, text }));
        return;
      }
      const timeline = timelineDeps(deps, client, context.botUserId);
      const read = await timeline.port.readMarkedMessage(channelId, shortcut.message.ts);
      const message = read?.message ?? toChannelMessage(channelId, shortcut.message, context.botUserId);
      const added = await addMessage(deps.db, incident, message, user, deps.clock.now());
      if (added) await timeline.port.acknowledge(channelId, message.ts);
      const text = added ? ":memo: Added to the incident timeline, at the message's own time." : 'That message is already on the timeline.';
      await respond({ response_type: 'ephemeral', text });
    } catch (error) {
      const text = `:warning: ${describeError(error, deps.logger, { shortcut: shortcut.callback_id })}`;
      await tellPrivately(client, deps.logger, { user, channel: channelId }, text);
    }
  };
}
