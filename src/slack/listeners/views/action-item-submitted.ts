import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { ActionItemInvalid, addActionItem, editActionItem } from '../../../action-items/action-item-service';
import { loadIncident } from '../../../incidents/incident-queries';
import { requireEditor } from '../../../postmortems/require-editor';
import { localParts } from '../../../zoned-time';
import type { ActionItemModalMetadata } from '../../blocks/action-item-modal';
import { ACTION_ITEM_FIELD_BLOCKS, readActionItemForm } from '../../parse/postmortem-form';
import { metadataOf } from '../../parse/view-state';
import { Field } from '../../ids';
import { describeError } from '../../reply-error';
import { postmortemForm } from '../../postmortem-form';
import { slackCall } from '../../slack-errors';
import { userTimeZone } from '../../user-time-zone';
import { type ListenerDeps, postmortemDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * An action item was added or edited in the pushed form. Problems go back onto its fields; once
 * saved, the form closes back onto the post-mortem, whose list is refreshed (what was typed in the
 * post-mortem meanwhile stays: Slack keeps input values across the update).
 */
export function actionItemSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = metadataOf<ActionItemModalMetadata>(view.private_metadata);
    if (!metadata.incidentId) return void (await ack());
    const input = readActionItemForm(view.state.values);
    const timeZone = await userTimeZone(client, body.user.id);
    const today = localParts(deps.clock.now(), timeZone).date;
    try {
      const incident = await loadIncident(deps.db, metadata.incidentId);
      await requireEditor(postmortemDeps(deps, client, context.botUserId).port, incident, body.user.id);
      if (metadata.itemId) await editActionItem(deps, metadata.itemId, input, today);
      else await addActionItem(deps, incident.id, input, body.user.id, today);
      await ack();
      if (metadata.formViewId) {
        const form = await postmortemForm(deps, incident);
        await slackCall(() => client.views.update({ view_id: metadata.formViewId as string, view: form })).catch((err: unknown) =>
          deps.logger.warn({ err }, 'could not refresh the post-mortem form'),
        );
      }
    } catch (error) {
      const errors =
        error instanceof ActionItemInvalid
          ? Object.fromEntries(Object.entries(error.fields).map(([field, message]) => [ACTION_ITEM_FIELD_BLOCKS[field as keyof typeof ACTION_ITEM_FIELD_BLOCKS], message]))
          : { [Field.itemDescription]: describeError(error, deps.logger, { view: view.callback_id }) };
      await ack({ response_action: 'errors', errors });
    }
  };
}
