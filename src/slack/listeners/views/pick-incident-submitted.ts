import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { loadIncident } from '../../../incidents/incident-queries';
import { addMessageByHand } from '../../../timeline/add-message-by-hand';
import { type PickIncidentMetadata, addedToTimelineView, addingToTimelineView } from '../../blocks/timeline-entry-modals';
import { Field } from '../../ids';
import { slackTsToDate } from '../../parse/slack-ts';
import { metadataOf, selectedOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { type ListenerDeps, timelineDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The message shortcut from outside an incident channel, after the person picked an incident.
 * Acknowledged at once with a progress view; the result replaces it.
 */
export function pickIncidentSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const carried = metadataOf<PickIncidentMetadata>(view.private_metadata);
    const incidentId = selectedOf(view.state.values, Field.incident);
    if (!incidentId || !carried.channelId || !carried.ts) {
      await ack({ response_action: 'errors', errors: { [Field.incident]: 'Pick the incident this message belongs to.' } });
      return;
    }
    await ack({ response_action: 'update', view: addingToTimelineView() });
    const show = (next: ModalView) =>
      slackCall(() => client.views.update({ view_id: view.id, view: next })).catch((err: unknown) =>
        deps.logger.warn({ err, viewId: view.id }, 'could not show the result'),
      );
    try {
      const incident = await loadIncident(deps.db, incidentId);
      const permalink = await slackCall(() => client.chat.getPermalink({ channel: carried.channelId as string, message_ts: carried.ts as string }))
        .then((r) => r?.permalink ?? null)
        .catch(() => null);
      const message = {
        channelId: carried.channelId,
        ts: carried.ts,
        postedAt: slackTsToDate(carried.ts),
        authorId: carried.authorId ?? null,
        byBot: false,
        text: carried.text ?? '',
        filesNote: carried.filesNote ?? null,
        permalink,
      };
      const added = await addMessageByHand(timelineDeps(deps, client, context.botUserId), incidentId, message, body.user.id);
      await show(addedToTimelineView(incident.channelId, added));
    } catch (error) {
      await show(addedToTimelineView(null, false, describeError(error, deps.logger, { view: view.callback_id })));
    }
  };
}
