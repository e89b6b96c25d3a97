import type { ItemSurface } from '../../surfaces/show-item-change';
import type { ActionArgs } from '../route-by-id';

/** Where a button was clicked: a message (its channel and ts) or a view (the Home tab, a modal). */
export function clickedIn(args: ActionArgs): ItemSurface {
  const container = args.body.container as { type?: string; channel_id?: string; message_ts?: string };
  const message =
    container.type === 'message' && container.channel_id && container.message_ts
      ? { channel: container.channel_id, ts: container.message_ts }
      : undefined;
  return { userId: args.body.user.id, message };
}
