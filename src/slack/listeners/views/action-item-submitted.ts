import { actionItemProblems } from '../../../action-items/action-item-service';
import { incidentForMember } from '../../../incidents/require-member';
import { mention } from '../../../mrkdwn/mention';
import { addPostmortemActionItem, editPostmortemActionItem } from '../../../postmortems/change-action-items';
import { earliestToday } from '../../../zoned-time';
import type { ActionItemModalMetadata } from '../../blocks/action-item-modal';
import { ACTION_ITEM_FIELD_BLOCKS, readActionItemForm } from '../../parse/postmortem-form';
import { metadataOf } from '../../parse/view-state';
import { postmortemFormView } from '../../surfaces/postmortem-form-view';
import { showView } from '../../web-api/show-view';
import { tellPrivately } from '../../web-api/tell-privately';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';
import { fieldErrors } from './field-errors';

/**
 * An action item was added or edited in the pushed form. Field problems go back onto the form at
 * once (the ack cannot wait for Slack calls); then it is saved and the post-mortem form underneath
 * refreshed: what was typed there stays (Slack keeps input values across the update), and so does
 * the draft version it was opened on.
 */
export function actionItemSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client, context }, reply) => {
    const metadata = metadataOf<ActionItemModalMetadata>(view.private_metadata);
    if (!metadata.incidentId) return ack();
    const input = readActionItemForm(view.state.values);
    // "Not in the past" in the person's own calendar, read when the form opened.
    const today = metadata.today ?? earliestToday(deps.clock.now());
    const errors = fieldErrors(await actionItemProblems(deps.db, input, today, { incidentId: metadata.incidentId, itemId: metadata.itemId }), ACTION_ITEM_FIELD_BLOCKS);
    if (errors) return ack({ response_action: 'errors', errors });
    await ack();
    const services = deps.services(client, context.botUserId);
    const user = body.user.id;
    const incident = await incidentForMember(services.incidents, metadata.incidentId, user, 'write its post-mortem');
    reply.inChannel(incident.channelId);
    if (metadata.itemId) await editPostmortemActionItem(services.postmortems, metadata.itemId, input, user, today, services.reminders.port);
    else await addPostmortemActionItem(services.postmortems, metadata.incidentId, input, user, today);
    if (metadata.formViewId) {
      const form = await postmortemFormView(deps, services, incident, { basedOnVersion: metadata.formVersion });
      await showView(client, deps.logger, metadata.formViewId, form);
    } else if (!metadata.itemId && input.ownerId) {
      const text = `:clipboard: Action item added for ${mention(input.ownerId)}, due ${input.dueDate}. They get a DM now and a reminder on the day.`;
      await tellPrivately(client, deps.logger, { user, channel: incident.channelId }, text);
    }
  };
}
