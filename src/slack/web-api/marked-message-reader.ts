import type { WebClient } from '@slack/web-api';
import type { SlackMessageObject } from '../parse/channel-message';
import type { PacerTime } from './channel-pacer';
import { realTime } from '../../time-source';
import { slackCall, slackErrorCode } from './slack-call';
import { slackPermalink } from './slack-permalink';
import type { ThreadParents } from './thread-parents';

/**
 * How long after one read of a channel the next may start. People mark messages in bursts (an
 * update lands, several react within seconds), so the pins that arrive meanwhile share the next
 * read. At 10 s a busy incident channel takes at most 6 of `conversations.history`'s 50 calls a
 * minute (Tier 3, for the whole workspace), which leaves room for several incidents at once; a
 * steady pin every two seconds costs 0.2 reads a pin, so a capture with its :memo: stays near
 * 1.2 calls. A pin waits 10 s at most for its read: a third of the half-minute in which people
 * expect to see it acknowledged, the rest being for the :memo: itself (see `ACK_WAIT_BOUND_MS`).
 */
export const READ_GAP_MS = 10_000;

/**
 * How long a read of a quiet channel waits before it starts. A lone pin is read almost at once;
 * the first pins of a burst, which arrive within a second of each other, share that read.
 */
export const FIRST_READ_DELAY_MS = 1_000;

/** Messages a page of history or replies asks for: Slack recommends no more than 200. */
const PAGE_SIZE = 200;

/**
 * Pages read over one span before the rest is read message by message. A pin on an old message
 * read together with a new one would otherwise page through everything said between them.
 */
const MAX_PAGES = 3;

/** Channels whose last read is remembered before idle ones are forgotten. */
const REMEMBERED_CHANNELS = 1_000;

/** A message as Slack has it now, with its permalink (missing only before the workspace's address is known). */
export type MessageNow = SlackMessageObject & { ts: string };

/** How a read reaches Slack: the requesting client, and the workspace's address for permalinks. */
export interface ReadVia {
  client: WebClient;
  workspaceUrl?: string;
}

export interface MarkedMessageReaderOptions {
  /** Time as the reader sees it (the benchmark runs it faster than the wall clock). */
  time?: PacerTime;
  /** Slack's budgets multiplied (tests that are not about rate limits): the reader waits that much less. */
  scale?: number;
}

interface Request {
  client: WebClient;
  resolve: (message: SlackMessageObject | null) => void;
  reject: (error: unknown) => void;
}

interface ChannelReads {
  /** When the latest read of the channel started; -Infinity before the first. */
  lastReadAt: number;
  /** Messages asked for since that read started, by ts. */
  waiting: Map<string, Request[]>;
  running: boolean;
}

/** What one batch found: each message, null for one that is gone, or the error that kept it unread. */
type Found = Map<string, SlackMessageObject | null | { failed: unknown }>;

/** One answer of `conversations.history` or `conversations.replies`, as far as the reader looks. */
interface Page {
  messages?: unknown[];
  response_metadata?: { next_cursor?: string };
}

interface Paged {
  found: Map<string, SlackMessageObject>;
  /** Every page of the span was read: a wanted message not found is not there. */
  complete: boolean;
}

/** Orders Slack timestamps ("1700000000.000100") as the numbers they are, which a float would round. */
function compareTs(a: string, b: string): number {
  const key = (ts: string) => {
    const [seconds = '', fraction = ''] = ts.split('.');
    return `${seconds.padStart(12, '0')}.${fraction.padEnd(6, '0')}`;
  };
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The oldest and latest of the wanted messages: the window a read asks for, both ends included. */
function spanOf(wanted: string[]): { oldest: string; latest: string } {
  const sorted = [...wanted].sort(compareTs);
  return { oldest: sorted[0] as string, latest: sorted[sorted.length - 1] as string };
}

function isFailure(value: SlackMessageObject | null | { failed: unknown } | undefined): value is { failed: unknown } {
  return value !== null && value !== undefined && 'failed' in value;
}

/**
 * Reads marked messages as Slack has them now, gathering the reads of each channel: what is
 * asked for while a channel's read waits its turn is served by one `conversations.history`
 * over the span of those messages, with their reactions, instead of one `reactions.get` each.
 * Replies, which history does not hold, are read per thread with `conversations.replies` when
 * their thread is known, and with `reactions.get` alone when it is not.
 *
 * Every read is served by a call to Slack made after it was asked for, never by an answer
 * already on its way: a capture that has just counted the removals of a mark must see Slack as
 * it is from then on (see `syncMarkedMessage`).
 */
export class MarkedMessageReader {
  private readonly channels = new Map<string, ChannelReads>();
  private readonly time: PacerTime;
  private readonly gapMs: number;
  private readonly firstDelayMs: number;

  constructor(
    private readonly parents: ThreadParents,
    options: MarkedMessageReaderOptions = {},
  ) {
    const scale = options.scale && options.scale > 0 ? options.scale : 1;
    this.time = options.time ?? realTime;
    this.gapMs = READ_GAP_MS / scale;
    this.firstDelayMs = FIRST_READ_DELAY_MS / scale;
  }

  /** The message in `channelId` at `ts` as Slack has it now; null when it no longer exists. */
  async read(channelId: string, ts: string, via: ReadVia): Promise<MessageNow | null> {
    const reads = this.channel(channelId);
    const found = await new Promise<SlackMessageObject | null>((resolve, reject) => {
      const requests = reads.waiting.get(ts) ?? [];
      requests.push({ client: via.client, resolve, reject });
      reads.waiting.set(ts, requests);
      if (!reads.running) void this.drain(channelId, reads);
    });
    if (!found) return null;
    const permalink = found.permalink ?? (via.workspaceUrl ? slackPermalink(via.workspaceUrl, channelId, ts, found.thread_ts) : undefined);
    return { ...found, ts, ...(permalink ? { permalink } : {}) };
  }

  private channel(channelId: string): ChannelReads {
    let reads = this.channels.get(channelId);
    if (!reads) {
      if (this.channels.size >= REMEMBERED_CHANNELS) this.forgetIdle();
      reads = { lastReadAt: -Infinity, waiting: new Map(), running: false };
      this.channels.set(channelId, reads);
    }
    return reads;
  }

  /** Reads the channel's waiting messages, a batch at a time, each batch READ_GAP after the one before. */
  private async drain(channelId: string, reads: ChannelReads): Promise<void> {
    reads.running = true;
    try {
      while (reads.waiting.size > 0) {
        await this.time.sleep(Math.max(this.firstDelayMs, reads.lastReadAt + this.gapMs - this.time.now()));
        const batch = reads.waiting;
        reads.waiting = new Map();
        reads.lastReadAt = this.time.now();
        const client = (batch.values().next().value as Request[])[0]!.client;
        // A failure reaches only the messages it kept unread; anything else must not leave a capture waiting forever.
        const found = await this.readBatch(client, channelId, [...batch.keys()]).catch(
          (error: unknown): Found => new Map([...batch.keys()].map((ts) => [ts, { failed: error }])),
        );
        for (const [ts, requests] of batch) {
          const result = found.get(ts);
          for (const request of requests) {
            if (isFailure(result)) request.reject(result.failed);
            else request.resolve(result ?? null);
          }
        }
      }
    } finally {
      reads.running = false;
    }
  }

  private async readBatch(client: WebClient, channelId: string, wanted: string[]): Promise<Found> {
    const found: Found = new Map();
    const topLevel = wanted.filter((ts) => !this.parents.parentOf(channelId, ts));
    if (topLevel.length > 0) {
      try {
        for (const [ts, message] of await this.history(client, channelId, topLevel)) found.set(ts, message);
      } catch (error) {
        for (const ts of topLevel) found.set(ts, { failed: error });
      }
    }
    // Not in history: replies (or messages deleted since), read with their thread when it is known.
    const threads = new Map<string, string[]>();
    const alone: string[] = [];
    for (const ts of wanted.filter((ts) => !found.has(ts))) {
      const parent = this.parents.parentOf(channelId, ts);
      if (parent) threads.set(parent, [...(threads.get(parent) ?? []), ts]);
      else alone.push(ts);
    }
    await Promise.all(
      [...threads].map(async ([parent, replies]) => {
        try {
          const thread = await this.replies(client, channelId, parent, replies);
          for (const ts of replies) {
            const reply = thread?.found.get(ts);
            // Read through and not there: deleted. A thread gone, or too long to page through, leaves each to be read alone.
            if (reply) found.set(ts, reply);
            else if (thread?.complete) found.set(ts, null);
            else alone.push(ts);
          }
        } catch (error) {
          for (const ts of replies) found.set(ts, { failed: error });
        }
      }),
    );
    await Promise.all(
      alone.map(async (ts) => {
        try {
          found.set(ts, await this.single(client, channelId, ts));
        } catch (error) {
          found.set(ts, { failed: error });
        }
      }),
    );
    return found;
  }

  /** The wanted top-level messages (and broadcast replies) in one read of their span, paging only if it holds more than a page. */
  private async history(client: WebClient, channelId: string, wanted: string[]): Promise<Map<string, SlackMessageObject>> {
    const span = { channel: channelId, ...spanOf(wanted), inclusive: true, limit: PAGE_SIZE };
    const { found } = await this.pages(channelId, wanted, (cursor) =>
      slackCall(() => client.conversations.history({ ...span, ...(cursor ? { cursor } : {}) })),
    );
    return found;
  }

  /** The wanted replies of one thread in one read of their span; undefined when the thread itself is gone. */
  private async replies(client: WebClient, channelId: string, parent: string, wanted: string[]): Promise<Paged | undefined> {
    const span = { channel: channelId, ts: parent, ...spanOf(wanted), inclusive: true, limit: PAGE_SIZE };
    try {
      return await this.pages(channelId, wanted, (cursor) => slackCall(() => client.conversations.replies({ ...span, ...(cursor ? { cursor } : {}) })));
    } catch (error) {
      if (slackErrorCode(error) === 'thread_not_found') return undefined;
      throw error;
    }
  }

  /** Pages until every wanted message is found or the span is read through (`complete`), MAX_PAGES at most. */
  private async pages(channelId: string, wanted: string[], page: (cursor: string | undefined) => Promise<Page>): Promise<Paged> {
    const want = new Set(wanted);
    const found = new Map<string, SlackMessageObject>();
    let cursor: string | undefined;
    for (let n = 0; n < MAX_PAGES; n += 1) {
      const answer = await page(cursor);
      for (const message of (answer.messages ?? []) as SlackMessageObject[]) {
        this.parents.remember(channelId, message.ts, message.thread_ts);
        if (message.ts && want.has(message.ts)) found.set(message.ts, message);
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor || found.size === want.size) break;
    }
    return { found, complete: !cursor };
  }

  /** One message whose thread is unknown: `reactions.get` answers for replies too, with Slack's permalink. */
  private async single(client: WebClient, channelId: string, ts: string): Promise<SlackMessageObject | null> {
    const answer = await slackCall(() => client.reactions.get({ channel: channelId, timestamp: ts, full: true }), ['message_not_found']);
    const message = answer?.message as SlackMessageObject | undefined;
    if (!message) return null;
    this.parents.remember(channelId, ts, message.thread_ts);
    return { ...message, ts };
  }

  private forgetIdle(): void {
    const now = this.time.now();
    for (const [channelId, reads] of this.channels) {
      if (!reads.running && now - reads.lastReadAt >= this.gapMs) this.channels.delete(channelId);
    }
  }
}
