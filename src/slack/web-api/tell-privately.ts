import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import { slackCall } from './slack-call';

/**
 * Tells one person something only they see: in the channel when given one they are in,
 * otherwise (or if they are not in it) in their DM with the bot. Never throws: this is how
 * failures are reported.
 */
export async function tellPrivately(
  client: WebClient,
  logger: Logger,
  to: { user: string; channel?: string | null },
  text: string,
): Promise<void> {
  try {
    const channel = to.channel;
    if (channel) {
      const shown = await slackCall(
        () => client.chat.postEphemeral({ channel, user: to.user, text }),
        ['user_not_in_channel', 'channel_not_found', 'not_in_channel', 'is_archived'],
      );
      if (shown) return;
    }
    await slackCall(() => client.chat.postMessage({ channel: to.user, text }));
  } catch (err) {
    logger.warn({ err, user: to.user }, 'could not tell the person privately');
  }
}
