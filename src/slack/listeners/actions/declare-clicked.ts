import { EMPTY_DECLARE_FORM, declareModal } from '../../blocks/declare-modal';
import { openModal } from '../../web-api/open-modal';
import type { ActionArgs, Routed } from '../route-by-id';

/** "Declare an incident" in the help message. */
export const declareClicked: Routed<ActionArgs> = async (args) => {
  await openModal(args.client, args.body.trigger_id, declareModal(EMPTY_DECLARE_FORM));
};
