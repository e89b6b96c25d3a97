import type { AllMiddlewareArgs, BlockOverflowAction, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionItem } from '../../../action-items/action-item-service';
import { localParts } from '../../../zoned-time';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { metadataOf } from '../../parse/view-state';
import { userTimeZone } from '../../user-time-zone';
import { removePostmortemActionItem } from '../../../postmortems/change-action-items';
import { AppError } from '../../../errors';
import { loadIncident } from '../../../incidents/incident-queries';
import { actionItemModal } from '../../blocks/action-item-modal';
import { PostmortemAction } from '../../ids';
import { postmortemForm } from '../../postmortem-form';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { tellPrivately } from '../../tell-privately';
import { type ListenerDeps, postmortemDeps } from '../deps';
import { pushModal } from './push-modal';

type Args = SlackActionMiddlewareArgs<BlockOverflowAction | BlockStaticSelectAction> & AllMiddlewareArgs;

/**
 * Edit or remove an action item from the post-mortem form: its menu (`edit:<id>`, `remove:<id>`)
 * or, for long lists, the "Edit an item…" / "Remove an item…" pickers.
 */
export function actionItemPicked(deps: ListenerDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const picked = args.action.selected_option?.value ?? '';
    const [choice, itemId = ''] =
      args.action.action_id === PostmortemAction.actionItemMenu
        ? picked.split(':')
        : [args.action.action_id === PostmortemAction.removeActionItem ? 'remove' : 'edit', picked];
    const form = args.body.view;
    try {
      const item = await actionItem(deps.db, itemId);
      if (!item || !form) throw new AppError('action_item_not_found', 'that action item no longer exists.');
      const { version } = metadataOf<PostmortemFormMetadata>(form.private_metadata);
      if (choice === 'edit') {
        const today = localParts(deps.clock.now(), await userTimeZone(args.client, args.body.user.id, deps.config.reminders.defaultTimeZone)).date;
        const metadata = { incidentId: item.incidentId, itemId, formViewId: form.id, formVersion: version, today };
        await pushModal(args.client, args.body.trigger_id, actionItemModal(metadata, item));
        return;
      }
      await removePostmortemActionItem(postmortemDeps(deps, args.client, args.context.botUserId), itemId, args.body.user.id);
      const view = await postmortemForm(deps, await loadIncident(deps.db, item.incidentId), { basedOnVersion: version });
      await slackCall(() => args.client.views.update({ view_id: form.id, view }));
    } catch (error) {
      const text = `:warning: ${describeError(error, deps.logger, { action: args.action.action_id, itemId })}`;
      await tellPrivately(args.client, deps.logger, { user: args.body.user.id }, text);
    }
  };
}
