import { snooze } from '../../../action-items/change-item-status';
import { slackDate } from '../../../mrkdwn/date-token';
import { mention } from '../../../mrkdwn/mention';
import { ItemAction } from '../../ids';
import { showItemChange } from '../../surfaces/show-item-change';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';
import { clickedIn } from './clicked-in';

/** "Snooze 1 day" / "Snooze 1 week": the next reminder moves, the message says until when. */
export function itemSnoozeClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const days = args.action.action_id === ItemAction.snoozeWeek ? 7 : 1;
    const user = args.body.user.id;
    const { item, incident, until } = await snooze(deps, buttonValue(args), user, days, deps.config.reminders);
    deps.logger.info({ itemId: item.id, by: user, days }, 'action item snoozed');
    await showItemChange(deps, args.client, clickedIn(args), item, incident, `:zzz: Snoozed by ${mention(user)} until ${slackDate(until)}.`);
  };
}
