import { assignCommander } from '../../../incidents/change-incident';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** "Take command" on the card of an incident nobody leads yet: the clicker becomes its commander. */
export function takeCommandClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const user = args.body.user.id;
    await assignCommander(deps.services(args.client, args.context.botUserId).incidents, buttonValue(args), user, user);
  };
}
