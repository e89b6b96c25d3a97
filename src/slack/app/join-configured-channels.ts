import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import { slackCall, slackErrorCode } from '../web-api/slack-call';

/** A channel the configuration names, by the variable that names it. */
export interface ConfiguredChannel {
  variable: string;
  channelId: string;
}

/**
 * Makes sure the bot can post where the configuration says, before anyone needs it: it joins a
 * public channel by itself; for one it cannot join (private, archived, unknown) it logs one line
 * naming the variable and what to do, instead of half-failing later when it publishes there.
 * Returns the variables whose channel the bot is not in. Never stops the start.
 */
export async function joinConfiguredChannels(client: WebClient, logger: Logger, channels: ConfiguredChannel[]): Promise<string[]> {
  const missing: string[] = [];
  for (const { variable, channelId } of channels) {
    try {
      const info = await slackCall(() => client.conversations.info({ channel: channelId }), ['channel_not_found']);
      const channel = info?.channel;
      if (channel?.is_member) continue;
      if (channel && !channel.is_private && !channel.is_archived) {
        await slackCall(() => client.conversations.join({ channel: channelId }));
        logger.info({ variable, channel: channelId }, `joined the ${variable} channel`);
        continue;
      }
      missing.push(variable);
      const why = channel?.is_archived ? 'it is archived' : channel ? 'it is private' : 'the bot cannot see it (private, or the id is wrong)';
      logger.warn({ variable, channel: channelId }, `the bot is not in ${variable} (${channelId}): ${why}. Invite it there with /invite @incident-bot, or change ${variable}`);
    } catch (error) {
      missing.push(variable);
      logger.warn(
        { variable, channel: channelId, code: slackErrorCode(error), err: error },
        `could not check ${variable} (${channelId}); invite the bot there with /invite @incident-bot if posting there fails`,
      );
    }
  }
  return missing;
}
