import type { ModalView } from '@slack/types';
import type { Incident } from '../../../incidents/incident';
import { loadIncident } from '../../../incidents/incident-queries';
import { commanderModal, resolveModal, severityModal, statusModal } from '../../blocks/lifecycle-modals';
import type { ListenerDeps } from '../deps';
import { openModal } from '../open-modal';
import { type ButtonArgs, explainFailedClick } from './button-args';

/** A card button that opens a modal for the incident named in its value. */
function openIncidentModal(deps: ListenerDeps, build: (incident: Incident) => ModalView) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const incident = await loadIncident(deps.db, args.action.value ?? '');
      await openModal(args.client, args.body.trigger_id, build(incident));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}

export const openStatusModal = (deps: ListenerDeps) => openIncidentModal(deps, statusModal);
export const openSeverityModal = (deps: ListenerDeps) => openIncidentModal(deps, severityModal);
export const openCommanderModal = (deps: ListenerDeps) => openIncidentModal(deps, commanderModal);
export const openResolveModal = (deps: ListenerDeps) => openIncidentModal(deps, resolveModal);
