import { dismissAlertModal } from '../../blocks/dismiss-alert-modal';
import { openModal } from '../../web-api/open-modal';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** "Not an incident" on an alert offer: asks why first. */
export const alertDismissClicked: Routed<ActionArgs> = async (args) => {
  await openModal(args.client, args.body.trigger_id, dismissAlertModal({ groupId: buttonValue(args) }));
};
