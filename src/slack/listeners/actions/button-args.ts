import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { describeError } from '../../reply-error';
import type { ListenerDeps } from '../deps';
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
