import { snooze } from '../../../action-items/change-item-status';
import { slackDate } from '../../blocks/slack-date';
import { ItemAction } from '../../ids';
import type { ListenerDeps } from '../deps';
import { type ButtonArgs, clickedIn, explainFailedClick } from './button-args';
import { showItemChange } from '../show-item-change';

/** "Snooze 1 day" / "Snooze 1 week": the next reminder moves, the message says until when. */
export function itemSnoozeClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const days = args.action.action_id === ItemAction.snoozeWeek ? 7 : 1;
    try {
      const { item, incident, until } = await snooze(deps, args.action.value ?? '', args.body.user.id, days, deps.config.reminders);
      deps.logger.info({ itemId: item.id, by: args.body.user.id, days }, 'action item snoozed');
      await showItemChange(deps, args.client, clickedIn(args), item, incident, `:zzz: Snoozed by <@${args.body.user.id}> until ${slackDate(until)}.`);
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
