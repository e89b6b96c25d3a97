import { incidentForMember } from '../../../incidents/require-member';
import { addEntryForm } from '../../surfaces/timeline-surfaces';
import { pushModal } from '../../web-api/push-modal';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** "Add entry" in the timeline view: the add form on top of it. */
export function addEntryClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const user = args.body.user.id;
    const incident = await incidentForMember(deps.services(args.client).incidents, buttonValue(args), user, 'change its timeline');
    await pushModal(args.client, args.body.trigger_id, await addEntryForm(deps, args.client, incident, user, args.body.view?.id));
  };
}
