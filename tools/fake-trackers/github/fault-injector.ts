/**
 * What an injected fault does to a call:
 * - `429` / `403`: a rate limit. Secondary by default (GitHub's message and a `retry-after`);
 *   `limit: 'primary'` answers with `x-ratelimit-remaining: 0` and a reset time instead.
 * - `500`, `503`: GitHub's JSON error; `502`: the HTML "Unicorn!" page GitHub's front end sends.
 * - `timeout`: the request is read and never answered (the client gives up), nothing changes.
 * - `reset`: the connection is dropped before anything changes.
 * - `lost-answer`: the call takes effect (state, webhooks) and then the connection is dropped, so
 *   the client cannot know it happened.
 */
export type FaultStatus = 429 | 403 | 500 | 502 | 503 | 'timeout' | 'reset' | 'lost-answer';

export interface FaultOptions {
  status: FaultStatus;
  /** Secondary limit: the `retry-after` (default 60). Primary limit: seconds until `x-ratelimit-reset` (default 60). */
  retryAfterSeconds?: number;
  limit?: 'primary' | 'secondary';
  /** How many calls it affects (default 1). */
  times?: number;
}

interface PendingFault {
  target: string;
  options: FaultOptions;
  remaining: number;
}

/**
 * Faults queued for the next calls to an operation ('any' for every operation), each used `times`
 * times, in the order injected: a test can script "429, then 502, then fine".
 */
export class FaultInjector {
  private readonly pending: PendingFault[] = [];

  inject(target: string, options: FaultOptions): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, got ${times}`);
    this.pending.push({ target, options, remaining: times });
  }

  take(operationId: string): FaultOptions | undefined {
    const index = this.pending.findIndex((p) => p.target === operationId || p.target === 'any');
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(index, 1);
    return entry.options;
  }

  clear(): void {
    this.pending.length = 0;
  }

  get size(): number {
    return this.pending.length;
  }
}
