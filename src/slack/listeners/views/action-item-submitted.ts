import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { actionItem } from '../../../action-items/action-item-service';
import { validateActionItem } from '../../../action-items/validate-action-item';
import { loadIncident } from '../../../incidents/incident-queries';
import { addPostmortemActionItem, editPostmortemActionItem } from '../../../postmortems/change-action-items';
import { earliestToday } from '../../../zoned-time';
import type { ActionItemModalMetadata } from '../../blocks/action-item-modal';
import { ACTION_ITEM_FIELD_BLOCKS, readActionItemForm } from '../../parse/postmortem-form';
import { metadataOf } from '../../parse/view-state';
import { postmortemForm } from '../../postmortem-form';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { tellPrivately } from '../../tell-privately';
import { type ListenerDeps, postmortemDeps, reminderDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * An action item was added or edited in the pushed form. Field problems go back onto the form at
 * once (the ack cannot wait for Slack calls); then it is saved and the post-mortem form underneath
 * refreshed: what was typed there stays (Slack keeps input values across the update), and so does
 * the draft version it was opened on.
 */
export function actionItemSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = metadataOf<ActionItemModalMetadata>(view.private_metadata);
    if (!metadata.incidentId) return void (await ack());
    const input = readActionItemForm(view.state.values);
    // "Not in the past" in the person's own calendar, read when the form opened.
    const today = metadata.today ?? earliestToday(deps.clock.now());
    const before = metadata.itemId ? await actionItem(deps.db, metadata.itemId) : undefined;
    const problems = validateActionItem(input, before && before.dueDate === input.dueDate ? '0000-01-01' : today);
    if (Object.keys(problems).length > 0) {
      const errors = Object.fromEntries(
        Object.entries(problems).map(([field, message]) => [ACTION_ITEM_FIELD_BLOCKS[field as keyof typeof ACTION_ITEM_FIELD_BLOCKS], message]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const service = postmortemDeps(deps, client, context.botUserId);
    try {
      if (metadata.itemId) {
        await editPostmortemActionItem(service, metadata.itemId, input, body.user.id, today, reminderDeps(deps, client).port);
      }
      else await addPostmortemActionItem(service, metadata.incidentId, input, body.user.id, today);
      if (!metadata.formViewId && !metadata.itemId) {
        const incident = await loadIncident(deps.db, metadata.incidentId);
        await tellPrivately(client, deps.logger, { user: body.user.id, channel: incident.channelId }, `:clipboard: Action item added for <@${input.ownerId}>, due ${input.dueDate}. They get a DM now and a reminder on the day.`);
      }
      if (metadata.formViewId) {
        const form = await postmortemForm(deps, await loadIncident(deps.db, metadata.incidentId), { basedOnVersion: metadata.formVersion });
        await slackCall(() => client.views.update({ view_id: metadata.formViewId as string, view: form })).catch((err: unknown) =>
          deps.logger.warn({ err }, 'could not refresh the post-mortem form'),
        );
      }
    } catch (error) {
      const text = `:warning: The action item was not saved: ${describeError(error, deps.logger, { view: view.callback_id })}`;
      const incident = await loadIncident(deps.db, metadata.incidentId).catch(() => undefined);
      await tellPrivately(client, deps.logger, { user: body.user.id, channel: incident?.channelId }, text);
    }
  };
}
