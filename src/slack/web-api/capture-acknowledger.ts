import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import type { SlackRateLimiter } from '../rate-limits/slack-rate-limiter';
import type { PacerTime } from './channel-pacer';
import { type NotedCapture, captureNoteText } from './capture-note';
import { realTime } from '../../time-source';
import { slackCall } from './slack-call';

/** The bot's own reaction on a captured message: "noted". Distinct from the marking emoji. */
export const ACK_EMOJI = 'memo';

/**
 * The longest a :memo: reaction may wait for its turn in `reactions.add`'s budget (Tier 3,
 * 50 a minute for the workspace). A pin waits up to `READ_GAP_MS` (10 s) to be read; with 15 s
 * more for its reaction, people see it acknowledged within the half-minute they expect. Past
 * that, a burst of captures is acknowledged together by a note, and the budget recovers.
 */
export const ACK_WAIT_BOUND_MS = 15_000;

/**
 * How long captures are gathered for one note. A burst outruns the budget over seconds, so a
 * short wait lists most of it in one message; more would only delay the acknowledgement.
 */
export const NOTE_GATHER_MS = 3_000;

/** A captured message to acknowledge, and the incident card whose thread takes a note. */
export interface CaptureToAcknowledge extends NotedCapture {
  channelId: string;
  ts: string;
  /** The incident's card in the same channel; without one, the message always gets its reaction. */
  cardTs: string | null;
}

interface PendingNote {
  cardTs: string;
  captures: CaptureToAcknowledge[];
  posted: Promise<void>;
}

export interface CaptureAcknowledgerOptions {
  logger: Logger;
  /** Time as the acknowledger sees it (the benchmark runs it faster than the wall clock). */
  time?: PacerTime;
}

/**
 * Shows people that their marked messages are on the timeline, and chooses what gives way when
 * Slack's budget is spent: each message gets the :memo: reaction while `reactions.add` can serve
 * it soon; beyond that, the captures of each channel are gathered for a few seconds and
 * acknowledged by one note in the thread of the incident's card, with links to them. Per process,
 * shared by every request.
 */
export class CaptureAcknowledger {
  private readonly notes = new Map<string, PendingNote>();
  /** Reactions being added, by channel and ts: one withdrawn meanwhile is taken off once it lands. */
  private readonly reacting = new Map<string, { withdrawn: boolean }>();
  private readonly time: PacerTime;

  constructor(
    private readonly limiter: Pick<SlackRateLimiter, 'expectedWaitMs'>,
    private readonly options: CaptureAcknowledgerOptions,
  ) {
    this.time = options.time ?? realTime;
  }

  /** Resolves once the reaction is on the message, or the note listing it is posted. */
  async acknowledge(client: WebClient, capture: CaptureToAcknowledge): Promise<void> {
    const waitMs = this.limiter.expectedWaitMs('reactions.add');
    if (capture.cardTs && (waitMs > ACK_WAIT_BOUND_MS || this.notes.has(capture.channelId))) {
      return this.note(client, capture, capture.cardTs, waitMs);
    }
    await this.react(client, capture.channelId, capture.ts);
  }

  /**
   * Takes the acknowledgement back: out of a note not yet posted (nothing to undo in Slack), or
   * the reaction off, once it has landed if it is still on its way. A reaction that was never
   * added is no error.
   */
  async withdraw(client: WebClient, channelId: string, ts: string): Promise<void> {
    const pending = this.notes.get(channelId);
    const at = pending?.captures.findIndex((c) => c.ts === ts) ?? -1;
    if (pending && at >= 0) {
      pending.captures.splice(at, 1);
      return;
    }
    const reacting = this.reacting.get(`${channelId}:${ts}`);
    if (reacting) {
      reacting.withdrawn = true;
      return;
    }
    await this.unreact(client, channelId, ts);
  }

  private async react(client: WebClient, channelId: string, ts: string): Promise<void> {
    const key = `${channelId}:${ts}`;
    const state = { withdrawn: false };
    this.reacting.set(key, state);
    try {
      await slackCall(() => client.reactions.add({ channel: channelId, timestamp: ts, name: ACK_EMOJI }), ['already_reacted']);
    } finally {
      this.reacting.delete(key);
    }
    if (state.withdrawn) await this.unreact(client, channelId, ts);
  }

  private async unreact(client: WebClient, channelId: string, ts: string): Promise<void> {
    await slackCall(() => client.reactions.remove({ channel: channelId, timestamp: ts, name: ACK_EMOJI }), ['no_reaction', 'message_not_found']);
  }

  /**
   * Joins the channel's note being gathered, or starts one. While a note is gathering, later
   * captures join it too: they would otherwise take reactions from a budget that is only just
   * recovering, and the note goes out anyway.
   */
  private async note(client: WebClient, capture: CaptureToAcknowledge, cardTs: string, waitMs: number): Promise<void> {
    let pending = this.notes.get(capture.channelId);
    if (!pending) {
      const started: PendingNote = { cardTs, captures: [], posted: Promise.resolve() };
      started.posted = this.postNote(client, capture.channelId, started, waitMs);
      this.notes.set(capture.channelId, started);
      pending = started;
    }
    pending.captures.push(capture);
    await pending.posted;
  }

  private async postNote(client: WebClient, channelId: string, pending: PendingNote, waitMs: number): Promise<void> {
    await this.time.sleep(NOTE_GATHER_MS);
    this.notes.delete(channelId);
    const { captures } = pending;
    // Every capture in it may have been withdrawn meanwhile.
    if (captures.length === 0) return;
    await slackCall(() =>
      client.chat.postMessage({
        channel: channelId,
        thread_ts: pending.cardTs,
        text: captureNoteText(captures),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    this.options.logger.info(
      { channelId, captures: captures.length, reactionWaitMs: Math.round(waitMs) },
      'Slack would make reactions wait: captures acknowledged by one note',
    );
  }
}
