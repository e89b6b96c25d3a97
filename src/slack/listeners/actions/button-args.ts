import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { describeError } from '../../reply-error';
import type { ListenerDeps } from '../deps';
import type { ItemSurface, showItemChange } from '../show-item-change';
import { tellPrivately } from '../../tell-privately';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Tells the person who clicked, privately, why their click did nothing. */
export async function explainFailedClick(args: ButtonArgs, deps: ListenerDeps, error: unknown): Promise<void> {
  const text = `:warning: ${describeError(error, deps.logger, { action: args.action.action_id })}`;
  if (args.body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
  } else {
    await tellPrivately(args.client, deps.logger, { user: args.body.user.id }, text);
  }
}

/** Where a button was clicked, for {@link showItemChange}. */
export function clickedIn(args: ButtonArgs): ItemSurface {
  const container = args.body.container as { type?: string; channel_id?: string; message_ts?: string };
  const message =
    container.type === 'message' && container.channel_id && container.message_ts
      ? { channel: container.channel_id, ts: container.message_ts }
      : undefined;
  return { userId: args.body.user.id, message };
}
