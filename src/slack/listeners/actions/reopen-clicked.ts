import { reopenIncident } from '../../../incidents/change-incident';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** "Reopen" on a resolved incident's card. */
export function reopenClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    await reopenIncident(deps.services(args.client, args.context.botUserId).incidents, buttonValue(args), args.body.user.id);
  };
}
