import { createHash } from 'node:crypto';
import type { AnyMiddlewareArgs, Middleware, ReceiverEvent } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { Logger } from '../../logger';
import { giveUp, markFailed, markHandled, pruneInbox, storeRequest, takePending, takeRedelivered } from './inbox.repository';
import type { InboxKind } from './inbox.table';

/** Longer than any listener runs (Slack calls with their retries); a dead process's requests wait this long. */
export const INBOX_LEASE_MS = 2 * 60_000;
/** Background retries after a failure: 10 s, 1 min, 5 min, 30 min, then give up. */
const RETRY_DELAYS_MS = [10_000, 60_000, 5 * 60_000, 30 * 60_000];
const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** Requests taken per background pass. */
const REPLAY_BATCH = 50;
/** Requests of a pass handled at once. */
const REPLAY_CONCURRENCY = 10;

export type HandleRequest = (event: ReceiverEvent) => Promise<void>;

interface Outcome {
  failed: boolean;
}

export interface InboxDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
}

/**
 * The requests that carry what people did and must not be lost: Events API envelopes (a
 * reaction, an edit) and form submissions (a declaration, a post-mortem). Each is stored before
 * Slack is acknowledged, so a process that dies after acknowledging leaves it behind for another
 * to handle. Other requests (slash commands, buttons) open forms with a trigger that lasts three
 * seconds: replaying them later could only fail.
 */
export function inboxKeyOf(body: unknown): { id: string; kind: InboxKind } | undefined {
  const envelope = body as { type?: string; event_id?: string };
  if (envelope.type === 'event_callback' && envelope.event_id) return { id: envelope.event_id, kind: 'event' };
  if (envelope.type === 'view_submission') return { id: submissionKey(body as Submission), kind: 'view_submission' };
  return undefined;
}

interface Submission {
  user?: { id?: string };
  view?: { id?: string; hash?: string; state?: { values?: unknown } };
}

/**
 * A form submission's identity: the view as it was shown (its id and hash, which change whenever
 * the bot updates it), who submitted it and what they typed. A redelivered or replayed submission
 * has the same identity and is handled once; a corrected or re-opened form is a new one.
 */
function submissionKey(body: Submission): string {
  const { view, user } = body;
  const identity = JSON.stringify([view?.id ?? '', view?.hash ?? '', user?.id ?? '', view?.state?.values ?? {}]);
  return `view:${createHash('sha256').update(identity).digest('hex').slice(0, 40)}`;
}

/**
 * Wraps the handling of each request: store (or skip a redelivery), handle, then record the
 * outcome. A failed request is let go for Slack's redelivery and retried in the background
 * with back-off; so is one whose process died.
 */
export class Inbox {
  constructor(
    private readonly deps: InboxDeps,
    private readonly leaseMs = INBOX_LEASE_MS,
  ) {}

  /** Notes a listener's failure on the request, which Bolt's own error handling would hide. */
  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ context, next }) => {
    try {
      await next();
    } catch (error) {
      const outcome = context.inboxOutcome as Outcome | undefined;
      if (outcome) outcome.failed = true;
      throw error;
    }
  };

  async receive(event: ReceiverEvent, process: HandleRequest): Promise<void> {
    const key = inboxKeyOf(event.body);
    if (!key) return process(event);
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    const fresh = await storeRequest(db, { ...key, body: event.body }, now, this.leaseMs);
    if (!fresh && !(await takeRedelivered(db, key.id, now, this.leaseMs))) {
      logger.info({ eventId: key.id }, 'skipped a redelivered event');
      await event.ack();
      return;
    }
    await this.handle(key.id, event, process);
  }

  /** Handles requests left by a process that died, and failed ones whose retry is due. */
  async replayPending(process: HandleRequest): Promise<number> {
    const { db, clock, logger } = this.deps;
    const pending = await takePending(db, clock.now(), this.leaseMs, REPLAY_BATCH);
    // Several at a time, as Slack delivers them: a capture waits for its channel's next read,
    // and fifty captures replayed one after another would each wait for a read of their own.
    const queue = [...pending];
    const worker = async () => {
      for (let request = queue.shift(); request; request = queue.shift()) {
        logger.info({ requestId: request.id }, 'handling a request again');
        await this.handle(request.id, { body: request.body as ReceiverEvent['body'], ack: async () => {} }, process).catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REPLAY_CONCURRENCY, queue.length) }, worker));
    return pending.length;
  }

  /** Forgets requests received before `before`: Slack stops redelivering after minutes. */
  prune(before: Date): Promise<number> {
    return pruneInbox(this.deps.db, before);
  }

  private async handle(id: string, event: ReceiverEvent, process: HandleRequest): Promise<void> {
    const outcome: Outcome = { failed: false };
    try {
      await process({ ...event, customProperties: { ...event.customProperties, inboxOutcome: outcome } });
    } catch (error) {
      outcome.failed = true;
      throw error;
    } finally {
      await this.settle(id, outcome).catch((err: unknown) => this.deps.logger.error({ err, requestId: id }, 'could not record how a request ended'));
    }
  }

  private async settle(id: string, outcome: Outcome): Promise<void> {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    if (!outcome.failed) return markHandled(db, id, now);
    const attempts = await markFailed(db, id, now, (n) => RETRY_DELAYS_MS[Math.min(n, RETRY_DELAYS_MS.length) - 1] as number);
    if (attempts >= MAX_ATTEMPTS) {
      await giveUp(db, id, now);
      logger.error({ requestId: id, attempts }, 'gave up on a request that kept failing');
    }
  }
}
