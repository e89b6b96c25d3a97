import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { loadIncident } from '../../../incidents/incident-queries';
import { addMessage } from '../../../timeline/capture-message';
import { slackTsToDate } from '../../parse/slack-ts';
import { type PickIncidentMetadata, addedToTimelineView } from '../../blocks/timeline-entry-modals';
import { Field } from '../../ids';
import { metadataOf, selectedOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import type { ListenerDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The message shortcut from outside an incident channel: the picked incident gets the message. */
export function pickIncidentSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: Args): Promise<void> => {
    const message = metadataOf<PickIncidentMetadata>(view.private_metadata) as PickIncidentMetadata;
    const incidentId = selectedOf(view.state.values, Field.incident);
    if (!incidentId) {
      await ack({ response_action: 'errors', errors: { [Field.incident]: 'Pick the incident this message belongs to.' } });
      return;
    }
    try {
      const incident = await loadIncident(deps.db, incidentId);
      const permalink = await slackCall(() => client.chat.getPermalink({ channel: message.channelId, message_ts: message.ts }))
        .then((r) => r?.permalink ?? null)
        .catch(() => null);
      const added = await addMessage(
        deps.db,
        incident,
        { ...message, postedAt: slackTsToDate(message.ts), byBot: false, permalink },
        body.user.id,
        deps.clock.now(),
      );
      await ack({ response_action: 'update', view: addedToTimelineView(incident, added) });
    } catch (error) {
      const problem = describeError(error, deps.logger, { view: view.callback_id });
      await ack({ response_action: 'errors', errors: { [Field.incident]: problem } });
    }
  };
}
