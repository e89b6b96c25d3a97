import { markDone } from '../../../action-items/change-item-status';
import { refreshPublishedPostmortem } from '../../../postmortems/publish-postmortem';
import { type ListenerDeps, postmortemDeps, reminderDeps } from '../deps';
import { type ButtonArgs, clickedIn, explainFailedClick } from './button-args';
import { showItemChange } from '../show-item-change';

/** "Mark done": reminders stop, the incident channel hears of it, the published post-mortem shows it. */
export function itemDoneClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const { item, incident } = await markDone(deps, args.action.value ?? '', args.body.user.id);
      deps.logger.info({ itemId: item.id, by: args.body.user.id }, 'action item done');
      await showItemChange(deps, args.client, clickedIn(args), item, incident);
      await reminderDeps(deps, args.client)
        .port.noteDone(item, incident)
        .catch((err: unknown) => deps.logger.warn({ err, itemId: item.id }, 'could not tell the incident channel'));
      await refreshPublishedPostmortem(postmortemDeps(deps, args.client, args.context.botUserId), incident.id).catch((err: unknown) =>
        deps.logger.warn({ err, itemId: item.id }, 'could not update the published post-mortem'),
      );
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
