import { actionItem } from '../../../action-items/action-item-service';
import { AppError } from '../../../errors';
import { incidentForMember } from '../../../incidents/require-member';
import { removePostmortemActionItem } from '../../../postmortems/change-action-items';
import { actionItemModal } from '../../blocks/action-item-modal';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { PostmortemAction } from '../../ids';
import { metadataOf } from '../../parse/view-state';
import { personDay } from '../../surfaces/person-day';
import { postmortemFormView } from '../../surfaces/postmortem-form-view';
import { pushModal } from '../../web-api/push-modal';
import { slackCall } from '../../web-api/slack-call';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/**
 * Edit or remove an action item from the post-mortem form: its menu (`edit:<id>`, `remove:<id>`)
 * or, for long lists, the "Edit an item…" / "Remove an item…" pickers.
 */
export function actionItemPicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const picked = buttonValue(args);
    const [choice, itemId = ''] =
      args.action.action_id === PostmortemAction.actionItemMenu
        ? picked.split(':')
        : [args.action.action_id === PostmortemAction.removeActionItem ? 'remove' : 'edit', picked];
    const form = args.body.view;
    const item = await actionItem(deps.db, itemId);
    if (!item || !form) throw new AppError('action_item_not_found', 'that action item no longer exists.');
    const services = deps.services(args.client, args.context.botUserId);
    const user = args.body.user.id;
    const { version } = metadataOf<PostmortemFormMetadata>(form.private_metadata);
    if (choice === 'edit') {
      await incidentForMember(services.incidents, item.incidentId, user, 'write its post-mortem');
      const { today } = await personDay(deps, args.client, user);
      const metadata = { incidentId: item.incidentId, itemId, formViewId: form.id, formVersion: version, today };
      await pushModal(args.client, args.body.trigger_id, actionItemModal(metadata, item, deps.config.verification.afterDays));
      return;
    }
    await removePostmortemActionItem(services.postmortems, itemId, user);
    const incident = await incidentForMember(services.incidents, item.incidentId, user, 'write its post-mortem');
    const view = await postmortemFormView(deps, services, incident, { basedOnVersion: version });
    await slackCall(() => args.client.views.update({ view_id: form.id, view }));
  };
}
