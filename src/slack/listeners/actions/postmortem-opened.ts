import { incidentForMember } from '../../../incidents/require-member';
import { postmortemFormView } from '../../surfaces/postmortem-form-view';
import { showSimilarIncidents } from '../../../recurrence/show-similar-incidents';
import { openModal } from '../../web-api/open-modal';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** "Write post-mortem" on the incident card: its draft is for the channel's members only. */
export function postmortemOpened(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const services = deps.services(args.client, args.context.botUserId);
    const incident = await incidentForMember(services.incidents, buttonValue(args), args.body.user.id, 'write its post-mortem');
    await openModal(args.client, args.body.trigger_id, await postmortemFormView(deps, services, incident));
    await showSimilarIncidents(services.recurrence, incident.id, 'postmortem_opened');
  };
}
