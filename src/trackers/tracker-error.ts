/**
 * A tracker call that failed. `retry` (a 5xx, a timeout, a dropped connection) and `rate_limited`
 * (429, GitHub's secondary-limit 403) are tried again later, the latter not before `retryAfterMs`;
 * `permanent` (bad credentials, a missing repository or issue, a refused body) will fail the same
 * way again: its owner is told once and it waits for a change.
 */
export type TrackerFailure = 'retry' | 'rate_limited' | 'permanent';

export class TrackerError extends Error {
  readonly code = 'tracker_failed';
  constructor(
    readonly failure: TrackerFailure,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'TrackerError';
  }
}

/** The failure a response's status (and headers) mean, as both GitHub and Jira answer. */
export function failureOf(status: number, headers: { get(name: string): string | null }): { failure: TrackerFailure; retryAfterMs?: number } {
  const retryAfter = retryAfterMs(headers);
  if (status === 429) return { failure: 'rate_limited', retryAfterMs: retryAfter ?? 60_000 };
  // GitHub's secondary limit and an exhausted primary limit are 403s that say when to come back.
  if (status === 403 && (retryAfter !== undefined || headers.get('x-ratelimit-remaining') === '0')) {
    return { failure: 'rate_limited', retryAfterMs: retryAfter ?? 60_000 };
  }
  if (status >= 500 || status === 408) return { failure: 'retry', retryAfterMs: retryAfter };
  return { failure: 'permanent' };
}

/** `Retry-After` (seconds or a date), else `x-ratelimit-reset` when nothing remains, in ms from now. */
export function retryAfterMs(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value) {
    if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset && headers.get('x-ratelimit-remaining') === '0' && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}
