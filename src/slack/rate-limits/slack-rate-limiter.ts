import type { WorkPriority } from '../../work-priority';
import { type SlackBudget, budgetOf } from './slack-tiers';
import { realTime } from '../../time-source';
import type { PacerTime } from '../web-api/channel-pacer';


export interface RateLimiterOptions {
  /** Time as the limiter sees it (the benchmark runs it faster than the wall clock). */
  time?: PacerTime;
  /** Multiplies every budget (tests that are not about rate limits run faster than Slack allows). */
  scale?: number;
  /** This process's part of the workspace's budget (1 / live replicas); read at each refill. */
  share?: () => number;
  /** A method's budget; Slack's documented tiers unless a test says otherwise. */
  budgetOf?: (method: string) => SlackBudget;
}

interface Waiter {
  priority: WorkPriority;
  grant: () => void;
}

/** One method's (or one channel's) budget: a token bucket with a queue in priority order. */
class Bucket {
  tokens: number;
  refilledAt: number;
  blockedUntil = 0;
  readonly waiting: Waiter[] = [];
  pumping = false;
  wake: (() => void) | undefined;

  constructor(
    readonly budget: SlackBudget,
    now: number,
    capacity: number,
  ) {
    this.tokens = capacity;
    this.refilledAt = now;
  }
}

/**
 * Keeps the bot's Web API calls within Slack's per-method rate limits, so that Slack seldom has
 * to refuse one. Each method (chat.postMessage: each channel) has a token bucket at its tier's
 * documented rate. When a bucket is empty, callers wait in line: people waiting on a click or a
 * form go before background work, and background work never takes a bucket's last token while
 * it holds more than one, so a click arriving in the middle of a burst of captures is served at once.
 * A 429 from Slack empties the bucket until its Retry-After has passed.
 */
export class SlackRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly time: PacerTime;
  private readonly scale: number;
  private readonly share: () => number;
  private readonly budgetFor: (method: string) => SlackBudget;

  constructor(options: RateLimiterOptions = {}) {
    this.time = options.time ?? realTime;
    this.scale = options.scale ?? 1;
    this.share = options.share ?? (() => 1);
    this.budgetFor = options.budgetOf ?? budgetOf;
  }

  /** Resolves when a call to `method` (in `channel`, for chat.postMessage) may go out now. */
  acquire(method: string, channel: string | undefined, priority: WorkPriority): Promise<void> {
    const bucket = this.bucket(method, channel);
    this.refill(bucket);
    const ahead = bucket.waiting.some((w) => priority === 'background' || w.priority === 'interactive');
    if (!ahead && this.mayTake(bucket, priority)) {
      bucket.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((grant) => {
      const waiter = { priority, grant };
      // Interactive callers go ahead of every background caller, in arrival order among themselves.
      const at = priority === 'interactive' ? bucket.waiting.findIndex((w) => w.priority === 'background') : -1;
      if (at < 0) bucket.waiting.push(waiter);
      else bucket.waiting.splice(at, 0, waiter);
      bucket.wake?.();
      void this.pump(bucket);
    });
  }

  /** Slack refused a call with 429: nothing more goes out on that budget until `retryAfterMs` has passed. */
  penalize(method: string, channel: string | undefined, retryAfterMs: number): void {
    const bucket = this.bucket(method, channel);
    bucket.blockedUntil = Math.max(bucket.blockedUntil, this.time.now() + retryAfterMs);
    bucket.tokens = 0;
    bucket.refilledAt = Math.max(bucket.refilledAt, bucket.blockedUntil);
  }

  /**
   * About how long a background call to `method` made now would wait for its turn: what the
   * callers already in line need, at the budget's rate. Lets a caller choose a cheaper way
   * (one note instead of many reactions) when the budget is spent.
   */
  expectedWaitMs(method: string, channel?: string): number {
    const bucket = this.bucket(method, channel);
    this.refill(bucket);
    const now = this.time.now();
    const needed = bucket.waiting.length + 1 + this.reserve(bucket) - bucket.tokens;
    const blocked = Math.max(0, bucket.blockedUntil - now);
    return blocked + Math.max(0, needed) / this.ratePerMs(bucket);
  }

  /** Callers waiting for a turn, over all budgets (for logs and the benchmark). */
  get queued(): number {
    let n = 0;
    for (const bucket of this.buckets.values()) n += bucket.waiting.length;
    return n;
  }

  private bucket(method: string, channel: string | undefined): Bucket {
    const budget = this.budgetFor(method);
    const key = budget.perChannel ? `${method}:${channel ?? ''}` : method;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(budget, this.time.now(), this.capacity(budget));
      this.buckets.set(key, bucket);
      if (this.buckets.size > 2_000) this.forgetIdle();
    }
    return bucket;
  }

  private capacity(budget: SlackBudget): number {
    return Math.max(1, Math.floor(budget.burst * this.scale * this.portion()));
  }

  private portion(): number {
    const share = this.share();
    return share > 0 && share <= 1 ? share : 1;
  }

  private ratePerMs(bucket: Bucket): number {
    return (bucket.budget.perMinute * this.scale * this.portion()) / 60_000;
  }

  /** Tokens background work leaves for people: one, where the bucket holds more than one. */
  private reserve(bucket: Bucket): number {
    return this.capacity(bucket.budget) > 1 ? 1 : 0;
  }

  private mayTake(bucket: Bucket, priority: WorkPriority): boolean {
    if (this.time.now() < bucket.blockedUntil) return false;
    const needed = priority === 'interactive' ? 1 : 1 + this.reserve(bucket);
    return bucket.tokens >= needed;
  }

  private refill(bucket: Bucket): void {
    const now = this.time.now();
    if (now <= bucket.refilledAt) return;
    const capacity = this.capacity(bucket.budget);
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) * this.ratePerMs(bucket));
    bucket.refilledAt = now;
  }

  /** Grants turns as tokens come back, first in line first; sleeps until the next one is due. */
  private async pump(bucket: Bucket): Promise<void> {
    if (bucket.pumping) return;
    bucket.pumping = true;
    try {
      while (bucket.waiting.length > 0) {
        this.refill(bucket);
        const next = bucket.waiting[0] as Waiter;
        if (this.mayTake(bucket, next.priority)) {
          bucket.tokens -= 1;
          bucket.waiting.shift();
          next.grant();
          continue;
        }
        const needed = next.priority === 'interactive' ? 1 : 1 + this.reserve(bucket);
        const now = this.time.now();
        const waitMs = Math.max(bucket.blockedUntil - now, (needed - bucket.tokens) / this.ratePerMs(bucket), 1);
        // An interactive caller arriving meanwhile may need less than the one at the head: it wakes the pump.
        await new Promise<void>((resolve) => {
          bucket.wake = resolve;
          void this.time.sleep(waitMs).then(resolve);
        });
        bucket.wake = undefined;
      }
    } finally {
      bucket.pumping = false;
    }
  }

  private forgetIdle(): void {
    for (const [key, bucket] of this.buckets) {
      this.refill(bucket);
      if (bucket.waiting.length === 0 && !bucket.pumping && bucket.tokens >= this.capacity(bucket.budget)) this.buckets.delete(key);
    }
  }
}
