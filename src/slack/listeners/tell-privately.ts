import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import { slackCall } from '../slack-errors';

/**
 * Tells one person something only they see: in the channel when given one they are in,
 * otherwise in their DM with the bot. Never throws: this is how failures are reported.
 */
export async function tellPrivately(
  client: WebClient,
  logger: Logger,
  to: { user: string; channel?: string | null },
  text: string,
): Promise<void> {
  try {
    if (to.channel) await slackCall(() => client.chat.postEphemeral({ channel: to.channel as string, user: to.user, text }));
    else await slackCall(() => client.chat.postMessage({ channel: to.user, text }));
  } catch (err) {
    logger.warn({ err, user: to.user }, 'could not tell the person privately');
  }
}
