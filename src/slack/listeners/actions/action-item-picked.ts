import type { AllMiddlewareArgs, BlockOverflowAction, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionItem, removeActionItem } from '../../../action-items/action-item-service';
import { AppError } from '../../../errors';
import { loadIncident } from '../../../incidents/incident-queries';
import { requireEditor } from '../../../postmortems/require-editor';
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
      if (choice === 'edit') {
        await pushModal(args.client, args.body.trigger_id, actionItemModal({ incidentId: item.incidentId, itemId, formViewId: form.id }, item));
        return;
      }
      const incident = await loadIncident(deps.db, item.incidentId);
      await requireEditor(postmortemDeps(deps, args.client, args.context.botUserId).port, incident, args.body.user.id);
      await removeActionItem(deps, itemId);
      const view = await postmortemForm(deps, incident);
      await slackCall(() => args.client.views.update({ view_id: form.id, view }));
    } catch (error) {
      const text = `:warning: ${describeError(error, deps.logger, { action: args.action.action_id, itemId })}`;
      await tellPrivately(args.client, deps.logger, { user: args.body.user.id }, text);
    }
  };
}
