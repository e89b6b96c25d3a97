import type { WebClient } from '@slack/web-api';
import { reachPerson } from './reach-person';
import { RecentPromises } from './recent-promises';
import { requiredField } from './required-field';
import { slackCall } from './slack-call';

/**
 * How long a DM channel, once opened, is used without opening it again. Its id never changes, but
 * Slack takes posts in a deactivated person's DM without complaint: only opening it says they are
 * gone. Ten minutes covers a pass's burst to one person (reminders, checks and requests due at
 * the same hour share one open) and still finds out within minutes that someone has left.
 */
export const DM_CHANNEL_FRESH_MS = 10 * 60_000;

/** Beyond this many people remembered, the longest unused are dropped. */
const DM_CHANNELS_KEPT = 5_000;

/**
 * The bot's DM channel with each person, shared by every request of one process, so that a burst
 * of DMs to one person costs one conversations.open. An open still under way is shared too; a
 * failed one is forgotten at once, so the next DM asks Slack again.
 */
export class DmChannels {
  private readonly channels: RecentPromises<string>;

  constructor(
    private readonly freshMs = DM_CHANNEL_FRESH_MS,
    now?: () => number,
  ) {
    this.channels = new RecentPromises(DM_CHANNELS_KEPT, now);
  }

  /**
   * The DM channel with `userId`, opened through `client` when not known. With `gone`, Slack's
   * ways of saying the person cannot get DMs become an `owner_unreachable` AppError with that
   * message (see {@link reachPerson}); without it, any refusal is a plain Slack error.
   */
  open(client: WebClient, userId: string, gone?: string): Promise<string> {
    const channel = this.channels.get(userId, undefined, (_about, ageMs) => ageMs <= this.freshMs, () =>
      slackCall(() => client.conversations.open({ users: userId })).then((opened) => requiredField(opened.channel?.id, 'conversations.open', 'channel id')),
    );
    // Each caller tells "gone" in its own words, also when it shares another caller's open.
    return gone === undefined ? channel : reachPerson(() => channel, gone);
  }
}
