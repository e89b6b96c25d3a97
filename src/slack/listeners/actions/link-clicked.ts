import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';

/** A link button (Slack opens the link itself); the click still has to be acknowledged. */
export async function linkClicked({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await ack();
}
