import { incidentForMember } from '../../../incidents/require-member';
import { actionItemModal } from '../../blocks/action-item-modal';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { metadataOf } from '../../parse/view-state';
import { personDay } from '../../surfaces/person-day';
import { pushModal } from '../../web-api/push-modal';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';

/** "Add action item" in the post-mortem form: the item form on top of it. */
export function addActionItemClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const form = args.body.view;
    const { incidentId, version } = metadataOf<PostmortemFormMetadata>(form?.private_metadata);
    if (!form || !incidentId) return;
    // In parallel: the trigger to open the form lasts three seconds.
    const [, { today }] = await Promise.all([
      incidentForMember(deps.services(args.client).incidents, incidentId, args.body.user.id, 'write its post-mortem'),
      personDay(deps, args.client, args.body.user.id),
    ]);
    await pushModal(args.client, args.body.trigger_id, actionItemModal({ incidentId, formViewId: form.id, formVersion: version, today }, undefined, deps.config.verification.afterDays));
  };
}
