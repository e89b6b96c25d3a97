import type { FetchFunction } from '@slack/web-api';
import type { Logger } from '../../logger';
import { currentPriority } from '../../work-priority';
import type { SlackRateLimiter } from './slack-rate-limiter';

/** Slack's 429s retried here before the call fails as rate-limited: each waits out Retry-After first. */
export const RATE_LIMITED_RETRIES = 5;
/** Methods whose caller holds a trigger_id (valid three seconds): always first in line. */
const TRIGGERED = new Set(['views.open', 'views.push']);

export interface RateLimitedFetchOptions {
  /** The Web API's base URL (`…/api/`): calls to anything else (file uploads) are not Web API methods. */
  apiUrl: string;
  /** How long one attempt may take once it goes out (waiting for a turn is not counted). */
  timeoutMs: number;
  logger: Logger;
  fetch?: FetchFunction;
}

/** The request's form fields, for the channel of a chat.postMessage and a trigger_id. */
function formOf(body: unknown): { get(name: string): string | null } {
  if (typeof body === 'string') return new URLSearchParams(body);
  if (body instanceof URLSearchParams || body instanceof FormData) {
    return { get: (name) => (body.has(name) ? String(body.get(name)) : null) };
  }
  return { get: () => null };
}

/** Seconds in Slack's Retry-After header, in ms; a minute when it is missing or unreadable. */
function retryAfterMs(response: { headers: { get(name: string): string | null } }): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

/**
 * The WebClient's `fetch`: every Web API call first waits for its turn in the
 * {@link SlackRateLimiter} (at the priority of the work making it), and a 429 is waited out
 * and sent again here, so nobody sees it. The WebClient's own timeout would start counting while
 * a call waits for its turn, so each attempt gets its own.
 */
export function rateLimitedFetch(limiter: SlackRateLimiter, options: RateLimitedFetchOptions): FetchFunction {
  const send = options.fetch ?? (globalThis.fetch as unknown as FetchFunction);
  return async (url, init) => {
    const href = String(url);
    if (!href.startsWith(options.apiUrl)) return send(url, init);
    const method = href.slice(options.apiUrl.length).split('?')[0] ?? '';
    const form = formOf(init?.body);
    const channel = method === 'chat.postMessage' ? (form.get('channel') ?? undefined) : undefined;
    const priority = TRIGGERED.has(method) ? 'interactive' : currentPriority();
    for (let attempt = 0; ; attempt += 1) {
      await limiter.acquire(method, channel, priority);
      const signal = options.timeoutMs > 0 ? AbortSignal.timeout(options.timeoutMs) : undefined;
      const response = await send(url, { ...init, ...(signal ? { signal } : {}) });
      if (response.status !== 429 || attempt >= RATE_LIMITED_RETRIES) return response;
      const waitMs = retryAfterMs(response);
      limiter.penalize(method, channel, waitMs);
      options.logger.info({ method, channel, retryAfterMs: waitMs, priority }, 'Slack asked the bot to slow down; waiting as told');
      await response.text().catch(() => undefined);
    }
  };
}
