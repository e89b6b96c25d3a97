import type { WebClient } from '@slack/web-api';
import type { TimelinePort } from '../../timeline/timeline-port';
import { type SlackMessageObject, toChannelMessage } from '../parse/channel-message';
import { slackCall, slackErrorCode, toAppError } from '../web-api/slack-call';

/** The bot's own reaction on a captured message: "noted". Distinct from the marking emoji. */
export const ACK_EMOJI = 'memo';

/** The timeline's view of Slack: one `reactions.get` reads the message, its marks and its permalink. */
export class SlackTimelinePort implements TimelinePort {
  constructor(
    private readonly client: WebClient,
    private readonly options: { emoji: string; botUserId?: string },
  ) {}

  async readMarkedMessage(channelId: string, ts: string) {
    let result;
    try {
      result = await this.client.reactions.get({ channel: channelId, timestamp: ts, full: true });
    } catch (error) {
      if (slackErrorCode(error) === 'message_not_found') return null;
      throw toAppError(error);
    }
    const message = result.message as SlackMessageObject | undefined;
    if (!message) return null;
    const mark = message.reactions?.find((r) => r.name === this.options.emoji);
    const people = (mark?.users ?? []).filter((u) => u !== this.options.botUserId);
    // Slack lists only the first reactors; a count above the list still means someone marks it.
    const unlisted = (mark?.count ?? 0) - (mark?.users?.length ?? 0);
    return {
      message: toChannelMessage(channelId, { ts, ...message }, this.options.botUserId),
      marked: people.length > 0 || unlisted > 0,
      markedBy: people[0] ?? null,
    };
  }

  async acknowledge(channelId: string, ts: string): Promise<void> {
    await slackCall(() => this.client.reactions.add({ channel: channelId, timestamp: ts, name: ACK_EMOJI }), ['already_reacted']);
  }

  async withdrawAcknowledgement(channelId: string, ts: string): Promise<void> {
    await slackCall(() => this.client.reactions.remove({ channel: channelId, timestamp: ts, name: ACK_EMOJI }), [
      'no_reaction',
      'message_not_found',
    ]);
  }

}
