import { type TimeSource, realTime } from '../../time-source';

/**
 * Slack lets an app post about one message a second in a channel (chat.postMessage's special rate
 * limit) and answers bursts beyond it with 429s; a long post-mortem is posted at that pace instead.
 */
export const SLACK_POST_INTERVAL_MS = 1000;

/** Time as the pacer sees it: injected so its schedule is tested without waiting. */
export type PacerTime = TimeSource;

/**
 * Spaces posts to each channel at least `intervalMs` apart, in the order they asked. The slot is
 * taken before waiting, so posts from two publishes in one channel interleave at the same pace.
 */
export class ChannelPacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly time: PacerTime = realTime,
  ) {}

  /** Resolves when the channel may take its next post. */
  async turn(channelId: string): Promise<void> {
    const now = this.time.now();
    const at = Math.max(now, this.nextSlot.get(channelId) ?? now);
    this.nextSlot.set(channelId, at + this.intervalMs);
    if (this.nextSlot.size > 1000) this.forgetIdle(now);
    if (at > now) await this.time.sleep(at - now);
  }

  private forgetIdle(now: number): void {
    for (const [channel, slot] of this.nextSlot) if (slot <= now) this.nextSlot.delete(channel);
  }
}
