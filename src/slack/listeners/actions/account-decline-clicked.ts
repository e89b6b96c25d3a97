import { declineAccount } from '../../../accounts/save-account';
import { loadIncident } from '../../../incidents/incident-queries';
import { showStateWhereClicked } from '../../surfaces/account-request-state';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';
import { clickedIn } from './clicked-in';

/** "Not this time": no reminder follows, and the request (or the reminder clicked) says so. */
export function accountDeclineClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const incidentId = buttonValue(args);
    const account = await declineAccount(deps.services(args.client, args.context.botUserId).accounts, incidentId, args.body.user.id);
    await showStateWhereClicked(args.client, deps.logger, clickedIn(args).message, account, await loadIncident(deps.db, incidentId));
  };
}
