import type { ErrorCollection } from './jira-error';
import type { FaultSpec } from './types';

/**
 * The answer to a call an injected 429/500/503 fault hits. A 429 carries what Jira's rate limiter
 * sends: `Retry-After` in seconds, `X-RateLimit-Reset` as an ISO time, and the reason.
 */
export function faultAnswer(fault: FaultSpec & { status: 429 | 500 | 503 }, now: number): { status: number; body: ErrorCollection; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (fault.status === 429) {
    headers['x-ratelimit-limit'] = '100';
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset'] = new Date(now + (retryAfter ?? 1) * 1000).toISOString();
    headers['ratelimit-reason'] = fault.rateLimitReason ?? 'jira-burst-based';
  }
  const message = { 429: 'Rate limit exceeded.', 500: 'Internal server error', 503: 'Service unavailable.' }[fault.status];
  return { status: fault.status, body: { errorMessages: [message], errors: {} }, headers };
}
