import type { WebClient } from '@slack/web-api';
import { reachPerson } from './reach-person';
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
  private readonly channels = new Map<string, { channel: Promise<string>; openedAt: number }>();

  constructor(
    private readonly freshMs = DM_CHANNEL_FRESH_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * The DM channel with `userId`, opened through `client` when not known. With `gone`, Slack's
   * ways of saying the person cannot get DMs become an `owner_unreachable` AppError with that
   * message (see {@link reachPerson}); without it, any refusal is a plain Slack error.
   */
  open(client: WebClient, userId: string, gone?: string): Promise<string> {
    const channel = this.channelOf(client, userId);
    // Each caller tells "gone" in its own words, also when it shares another caller's open.
    return gone === undefined ? channel : reachPerson(() => channel, gone);
  }

  private channelOf(client: WebClient, userId: string): Promise<string> {
    const known = this.channels.get(userId);
    if (known && this.now() - known.openedAt <= this.freshMs) {
      // Used again: it is kept longest.
      this.channels.delete(userId);
      this.channels.set(userId, known);
      return known.channel;
    }
    const channel = slackCall(() => client.conversations.open({ users: userId })).then((opened) =>
      requiredField(opened.channel?.id, 'conversations.open', 'channel id'),
    );
    const entry = { channel, openedAt: this.now() };
    this.channels.delete(userId);
    this.channels.set(userId, entry);
    channel.catch(() => {
      if (this.channels.get(userId) === entry) this.channels.delete(userId);
    });
    if (this.channels.size > DM_CHANNELS_KEPT) {
      const oldest = this.channels.keys().next().value;
      if (oldest !== undefined) this.channels.delete(oldest);
    }
    return channel;
  }
}
