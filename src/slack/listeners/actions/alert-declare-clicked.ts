import { alertDeclareDraft } from '../../../alerts/decide-on-offer';
import { EMPTY_DECLARE_FORM, declareModal } from '../../blocks/declare-modal';
import { openModal } from '../../web-api/open-modal';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/**
 * "Declare incident" on an alert offer, or a group picked in a storm's list: the declare form,
 * filled in from the alert; submitting it links the alert to the new incident.
 */
export function alertDeclareClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const groupId = buttonValue(args);
    const draft = await alertDeclareDraft(deps.services(args.client, args.context.botUserId).alerts, groupId);
    await openModal(args.client, args.body.trigger_id, declareModal({ ...EMPTY_DECLARE_FORM, ...draft }, undefined, { alertGroupId: groupId }));
  };
}
