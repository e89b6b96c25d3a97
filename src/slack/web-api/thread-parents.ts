/**
 * Replies remembered, so that the bot can fetch a marked reply with its thread. Slack's message
 * events name a reply's thread (`thread_ts`); its reaction events do not, and a reply is not in
 * `conversations.history`.
 */
const REMEMBERED_REPLIES = 20_000;

/**
 * Which thread each recent reply belongs to (reply ts → thread parent ts), per process, filled
 * from the message events the bot receives anyway. Bounded: the oldest replies are forgotten
 * first, and a reply the bot does not know is still read, one call for it alone.
 */
export class ThreadParents {
  private readonly parents = new Map<string, string>();

  constructor(private readonly limit = REMEMBERED_REPLIES) {}

  /** Notes a message seen in `channelId`; a top-level message (no thread, or its own parent) is not kept. */
  remember(channelId: string, ts: string | undefined, threadTs: string | undefined): void {
    if (!ts || !threadTs || threadTs === ts) return;
    const key = `${channelId}:${ts}`;
    // Re-inserted at the end: a reply seen again is among the newest.
    this.parents.delete(key);
    this.parents.set(key, threadTs);
    if (this.parents.size > this.limit) {
      const oldest = this.parents.keys().next().value;
      if (oldest !== undefined) this.parents.delete(oldest);
    }
  }

  /** The thread the reply belongs to, when known. */
  parentOf(channelId: string, ts: string): string | undefined {
    return this.parents.get(`${channelId}:${ts}`);
  }
}
