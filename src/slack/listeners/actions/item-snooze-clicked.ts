import { snooze } from '../../../action-items/change-item-status';
import { slackDate } from '../../../mrkdwn/date-token';
import { mention } from '../../../mrkdwn/mention';
import { ItemAction } from '../../ids';
import { showItemChange } from '../../surfaces/show-item-change';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { snoozeValue } from './button-value';
import { clickedIn } from './clicked-in';

/** "Snooze 1 day" / "Snooze 1 week": the next reminder moves, the message says until when. */
export function itemSnoozeClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const days = args.action.action_id === ItemAction.snoozeWeek ? 7 : 1;
    const user = args.body.user.id;
    const { itemId, day } = snoozeValue(args);
    const snoozedItem = await snooze(deps, itemId, user, { days, day }, deps.config.reminders);
    const { item, until } = snoozedItem;
    deps.logger.info({ itemId: item.id, by: user, days, day }, 'action item snoozed');
    await showItemChange(deps, args.client, clickedIn(args), snoozedItem, `:zzz: Snoozed by ${mention(user)} until ${slackDate(until)}.`);
  };
}
