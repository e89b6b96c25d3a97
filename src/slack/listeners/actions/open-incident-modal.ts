import type { ModalView } from '@slack/types';
import type { Incident } from '../../../incidents/incident';
import { incidentForMember } from '../../../incidents/require-member';
import { commanderModal, resolveModal, severityModal, statusModal } from '../../blocks/lifecycle-modals';
import { openModal } from '../../web-api/open-modal';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** A card button that opens a modal for the incident named in its value; members only. */
function openIncidentModal(deps: ListenerDeps, build: (incident: Incident) => ModalView): Routed<ActionArgs> {
  return async (args) => {
    const services = deps.services(args.client, args.context.botUserId);
    const incident = await incidentForMember(services.incidents, buttonValue(args), args.body.user.id, 'change it');
    await openModal(args.client, args.body.trigger_id, build(incident));
  };
}

export const openStatusModal = (deps: ListenerDeps) => openIncidentModal(deps, statusModal);
export const openSeverityModal = (deps: ListenerDeps) => openIncidentModal(deps, severityModal);
export const openCommanderModal = (deps: ListenerDeps) => openIncidentModal(deps, commanderModal);
export const openResolveModal = (deps: ListenerDeps) => openIncidentModal(deps, resolveModal);
