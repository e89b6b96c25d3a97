import type { WebClient } from '@slack/web-api';
import type { ActionItem } from '../../action-items/action-item';
import { type MessageLocation, isItemMessage } from '../../action-items/item-messages';
import type { SnoozeDays } from '../../action-items/reminder-state';
import type { Incident } from '../../incidents/incident';
import { actionItemMessage } from '../blocks/action-item-message';
import { publishHome } from './home-tab';
import { slackCall } from '../web-api/slack-call';
import type { ListenerDeps } from '../listeners/listener-deps';

/** Where the person acted, as the payload says: a message (its channel and ts), or a view (the Home tab, a modal). */
export interface ItemSurface {
  userId: string;
  message?: MessageLocation;
}

/** The item after someone acted on it, and what the service knows of where it may be shown. */
export interface ItemChange {
  item: ActionItem;
  incident: Incident;
  /** The item's own DMs, as the bot recorded them when it posted them. */
  dmMessages: readonly MessageLocation[];
  /** The days the message's snooze buttons name, when it keeps them. */
  snooze?: SnoozeDays;
}

/**
 * Shows what someone did to an item where they did it: one of the item's own DMs is edited in
 * place (it says who did what, without buttons once closed). The message a payload names is
 * edited only when the bot recorded it as one of this item's DMs: a payload may name any
 * message, the pinned incident card included. Anywhere else, the person's Home tab is published
 * again, which shows the item as it is now.
 */
export async function showItemChange(deps: ListenerDeps, client: WebClient, where: ItemSurface, change: ItemChange, note?: string): Promise<void> {
  const { item, incident, dmMessages, snooze } = change;
  if (isItemMessage(dmMessages, where.message)) {
    const { channel, ts } = where.message;
    await slackCall(() => client.chat.update({ channel, ts, ...actionItemMessage(item, incident, null, note, snooze) }));
  } else {
    await publishHome(deps, client, where.userId);
  }
}
