import { EMPTY_DECLARE_FORM, declareModal } from '../../blocks/declare-modal';
import type { ListenerDeps } from '../deps';
import { openModal } from '../open-modal';
import { type ButtonArgs, explainFailedClick } from './button-args';

/** "Declare an incident" in the help message. */
export function declareClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      await openModal(args.client, args.body.trigger_id, declareModal(EMPTY_DECLARE_FORM));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
