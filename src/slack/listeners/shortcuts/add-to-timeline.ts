import { incidentForChannel } from '../../../incidents/incident-queries';
import { incidentsVisibleTo } from '../../../incidents/incidents-visible-to';
import { addMessageByHand } from '../../../timeline/add-message-by-hand';
import { pickIncidentModal } from '../../blocks/timeline-entry-modals';
import { toChannelMessage } from '../../parse/channel-message';
import { openModal } from '../../web-api/open-modal';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ShortcutArgs } from '../route-by-id';

/**
 * "Add to incident timeline" on a message. In an incident channel the message is added at once;
 * anywhere else the person picks which open incident it belongs to.
 */
export function addToTimelineShortcut(deps: ListenerDeps): Routed<ShortcutArgs> {
  return async ({ shortcut, client, context, respond }) => {
    const channelId = shortcut.channel.id;
    const user = shortcut.user.id;
    const message = toChannelMessage(channelId, shortcut.message, context.botUserId);
    const services = deps.services(client, context.botUserId);
    const incident = await incidentForChannel(deps.db, channelId);
    if (message.byBot) {
      await respond({ response_type: 'ephemeral', text: 'Messages from bots and apps are not added to timelines.' });
    } else if (incident?.setupCompletedAt) {
      const added = await addMessageByHand(services.timeline, incident.id, message, user);
      const text = added ? ":memo: Added to the incident timeline, at the message's own time." : 'That message is already on the timeline.';
      await respond({ response_type: 'ephemeral', text });
    } else {
      const incidents = await incidentsVisibleTo(services.incidents, user);
      const carried = { channelId, ts: message.ts, authorId: message.authorId, text: message.text, filesNote: message.filesNote };
      await openModal(client, shortcut.trigger_id, pickIncidentModal(incidents, carried));
    }
  };
}
