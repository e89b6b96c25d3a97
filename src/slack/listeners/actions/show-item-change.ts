import type { ActionItem } from '../../../action-items/action-item';
import type { Incident } from '../../../incidents/incident';
import { actionItemMessage } from '../../blocks/action-item-message';
import { publishHome } from '../../publish-home';
import { slackCall } from '../../slack-errors';
import type { ListenerDeps } from '../deps';
import type { ButtonArgs } from './button-args';

/**
 * Shows what someone did to an item where they did it: the reminder DM is edited in place (its
 * buttons replaced by who did what), the Home tab is published again.
 */
export async function showItemChange(args: ButtonArgs, deps: ListenerDeps, item: ActionItem, incident: Incident, note?: string): Promise<void> {
  const container = args.body.container as { type?: string; channel_id?: string; message_ts?: string };
  if (container.type === 'message' && container.channel_id && container.message_ts) {
    const message = actionItemMessage(item, incident, null, note);
    await slackCall(() => args.client.chat.update({ channel: container.channel_id as string, ts: container.message_ts as string, ...message }));
  } else {
    await publishHome(deps, args.client, args.body.user.id);
  }
}
