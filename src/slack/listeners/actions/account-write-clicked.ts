import type { AccountFormMetadata } from '../../blocks/account-modal';
import { metadataOf } from '../../parse/view-state';
import { accountForm } from '../../surfaces/account-form';
import { openModal } from '../../web-api/open-modal';
import { slackCall } from '../../web-api/slack-call';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';
import { clickedIn } from './clicked-in';

/**
 * "Write my account" or "Edit my account": the person's own account form, with what they saved
 * before. From a DM it opens; from the saved account's view, that view turns back into the form.
 * The DM message it came from is kept with the form, so a reminder shows the outcome too.
 */
export function accountWriteClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const services = deps.services(args.client, args.context.botUserId);
    const view = args.body.view;
    const inModal = view?.type === 'modal';
    const clicked = inModal ? metadataOf<AccountFormMetadata>(view.private_metadata).clicked : clickedIn(args).message;
    const form = await accountForm(deps, services, buttonValue(args), args.body.user.id, clicked);
    if (inModal) await slackCall(() => args.client.views.update({ view_id: view.id, view: form }));
    else await openModal(args.client, args.body.trigger_id, form);
  };
}
