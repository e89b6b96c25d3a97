import { localParts } from '../../../zoned-time';
import { actionItemModal } from '../../blocks/action-item-modal';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { metadataOf } from '../../parse/view-state';
import { userTimeZone } from '../../user-time-zone';
import type { ListenerDeps } from '../deps';
import { type ButtonArgs, explainFailedClick } from './button-args';
import { pushModal } from './push-modal';

/** "Add action item" in the post-mortem form: the item form on top of it. */
export function addActionItemClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const form = args.body.view;
    const { incidentId, version } = metadataOf<PostmortemFormMetadata>(form?.private_metadata);
    if (!form || !incidentId) return;
    try {
      const today = localParts(deps.clock.now(), await userTimeZone(args.client, args.body.user.id, deps.config.reminders.defaultTimeZone)).date;
      await pushModal(args.client, args.body.trigger_id, actionItemModal({ incidentId, formViewId: form.id, formVersion: version, today }));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
