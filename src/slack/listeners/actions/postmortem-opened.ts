import { loadIncident } from '../../../incidents/incident-queries';
import { postmortemForm } from '../../postmortem-form';
import type { ListenerDeps } from '../deps';
import { openModal } from '../open-modal';
import { type ButtonArgs, explainFailedClick } from './button-args';

/** "Write post-mortem" on the incident card. */
export function postmortemOpened(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const incident = await loadIncident(deps.db, args.action.value ?? '');
      await openModal(args.client, args.body.trigger_id, await postmortemForm(deps, incident));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
