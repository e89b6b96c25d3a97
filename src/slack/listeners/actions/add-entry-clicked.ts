import { loadIncident } from '../../../incidents/incident-queries';
import { addEntryForm } from '../../timeline-modals';
import type { ListenerDeps } from '../deps';
import { type ButtonArgs, explainFailedClick } from './button-args';
import { pushModal } from './push-modal';

/** "Add entry" in the timeline view: the add form on top of it. */
export function addEntryClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const incident = await loadIncident(deps.db, args.action.value ?? '');
      await pushModal(args.client, args.body.trigger_id, await addEntryForm(deps, args.client, incident, args.body.user.id, args.body.view?.id));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
