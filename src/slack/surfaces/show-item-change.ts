import type { WebClient } from '@slack/web-api';
import type { ActionItem } from '../../action-items/action-item';
import type { Incident } from '../../incidents/incident';
import { actionItemMessage } from '../blocks/action-item-message';
import { publishHome } from './home-tab';
import { slackCall } from '../web-api/slack-call';
import type { ListenerDeps } from '../listeners/listener-deps';

/** Where the person acted: a reminder DM (edited in place), or the Home tab (published again). */
export interface ItemSurface {
  userId: string;
  message?: { channel: string; ts: string };
}

/** Shows what someone did to an item where they did it: the DM says who did what, without buttons. */
export async function showItemChange(
  deps: ListenerDeps,
  client: WebClient,
  where: ItemSurface,
  item: ActionItem,
  incident: Incident,
  note?: string,
): Promise<void> {
  if (where.message) {
    const { channel, ts } = where.message;
    await slackCall(() => client.chat.update({ channel, ts, ...actionItemMessage(item, incident, null, note) }));
  } else {
    await publishHome(deps, client, where.userId);
  }
}
