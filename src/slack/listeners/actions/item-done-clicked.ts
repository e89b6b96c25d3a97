import { completeActionItem } from '../../../action-items/complete-action-item';
import { showItemChange } from '../../surfaces/show-item-change';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';
import { clickedIn } from './clicked-in';

/** "Mark done": the item's workflow runs, then the item's DM where it was clicked (or the Home tab) shows it. */
export function itemDoneClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const done = await completeActionItem(deps.services(args.client).actionItems, buttonValue(args), args.body.user.id);
    await showItemChange(deps, args.client, clickedIn(args), done);
  };
}
