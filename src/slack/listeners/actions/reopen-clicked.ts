import { reopenIncident } from '../../../incidents/change-incident';
import { type ListenerDeps, incidentDeps } from '../deps';
import { type ButtonArgs, explainFailedClick } from './button-args';

/** "Reopen" on a resolved incident's card. */
export function reopenClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      await reopenIncident(incidentDeps(deps, args.client, args.context.botUserId), args.action.value ?? '', args.body.user.id);
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
