import { AppError } from '../../../errors';
import { requestIssue } from '../../../trackers/item-issues';
import { actionItemWithMessages } from '../../../action-items/action-item-service';
import { loadIncident } from '../../../incidents/incident-queries';
import { showItemChange } from '../../surfaces/show-item-change';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';
import { clickedIn } from './clicked-in';

/** **Create issue** (`TRACKER_CREATE=button`): the issue is filed in the background; the item says so where it was clicked. */
export function createIssueClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const trackers = deps.services(args.client).trackers;
    if (!trackers) throw new AppError('invalid_input', 'no issue tracker is set up for this bot (TRACKER).');
    const itemId = buttonValue(args);
    const found = await actionItemWithMessages(deps.db, itemId);
    if (!found) throw new AppError('action_item_not_found', 'that action item no longer exists.');
    const incident = await loadIncident(deps.db, found.item.incidentId);
    if (found.item.issue) {
      await showItemChange(deps, args.client, clickedIn(args), { ...found, incident }, `:link: Its issue is ${found.item.issue.label}.`);
      return;
    }
    // Shown before the filing starts: the message the filing edits to show the issue is never overwritten by this one.
    await showItemChange(deps, args.client, clickedIn(args), { ...found, incident }, `:hourglass_flowing_sand: Filing a ${trackers.tracker.name} issue for it…`);
    await requestIssue(trackers, itemId, args.body.user.id);
  };
}
