import { loadIncident } from '../../../incidents/incident-queries';
import { addMessageByHand } from '../../../timeline/add-message-by-hand';
import { type PickIncidentMetadata, addedToTimelineView, addingToTimelineView } from '../../blocks/timeline-entry-modals';
import { Field } from '../../ids';
import { slackTsToDate } from '../../parse/slack-ts';
import { metadataOf, selectedOf } from '../../parse/view-state';
import { showView } from '../../web-api/show-view';
import { slackCall } from '../../web-api/slack-call';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';

/**
 * The message shortcut from outside an incident channel, after the person picked an incident.
 * Acknowledged at once with a progress view; the result replaces it.
 */
export function pickIncidentSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client, context }, reply) => {
    const carried = metadataOf<PickIncidentMetadata>(view.private_metadata);
    const incidentId = selectedOf(view.state.values, Field.incident);
    const { channelId, ts } = carried;
    if (!incidentId || !channelId || !ts) {
      return ack({ response_action: 'errors', errors: { [Field.incident]: 'Pick the incident this message belongs to.' } });
    }
    await ack({ response_action: 'update', view: addingToTimelineView() });
    reply.inModal(view.id, (problem) => addedToTimelineView(null, false, problem));
    // The link is a nicety on the entry: without it the message is still captured, so a refusal is not a failure.
    const permalink = await slackCall(() => client.chat.getPermalink({ channel: channelId, message_ts: ts }))
      .then((r) => r.permalink ?? null)
      .catch(() => null);
    const message = {
      channelId,
      ts,
      postedAt: slackTsToDate(ts),
      authorId: carried.authorId ?? null,
      byBot: false,
      text: carried.text ?? '',
      filesNote: carried.filesNote ?? null,
      permalink,
    };
    const services = deps.services(client, context.botUserId);
    const added = await addMessageByHand(services.timeline, incidentId, message, body.user.id);
    const incident = await loadIncident(deps.db, incidentId);
    await showView(client, deps.logger, view.id, addedToTimelineView(incident.channelId, added));
  };
}
