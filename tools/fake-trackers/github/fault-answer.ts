import type { FaultOptions } from './fault-injector';
import { GitHubError, REST_DOCS_URL } from './github-error';
import { requestId, type HttpAnswer } from './http-answer';
import { rateLimitHeaders, type RateLimitState } from './rate-limits';

export const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

const SECONDARY_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID';

/** What GitHub's front end answers when the service behind it fails: HTML, not JSON. */
const UNICORN_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Unicorn! &middot; GitHub</title></head>\n<body><p><strong>We had issues producing the response to your request.</strong></p>\n<p>Sorry about that. Please try refreshing and contact us if the problem persists.</p></body></html>\n';

/** GitHub's answer when a user has used up the primary limit. */
export function primaryLimitError(status: number, userId: number): GitHubError {
  return GitHubError.basic(status, `API rate limit exceeded for user ID ${userId}.`, RATE_LIMIT_DOCS);
}

/**
 * The answer for an injected fault with an HTTP status, with the headers GitHub sends: the
 * current `x-ratelimit-*` always; for a primary limit `remaining: 0` and the reset time; for a
 * secondary one `retry-after`.
 */
export function faultAnswer(fault: FaultOptions & { status: number }, limit: RateLimitState, userId: number, nowSeconds: number): HttpAnswer {
  const headers = rateLimitHeaders(limit);
  const { status } = fault;
  if (status === 429 || status === 403) {
    const seconds = fault.retryAfterSeconds ?? 60;
    if (fault.limit === 'primary') {
      return { status, body: primaryLimitError(status, userId).body, headers: rateLimitHeaders({ ...limit, used: limit.limit, reset: nowSeconds + seconds }) };
    }
    const body = { message: `${SECONDARY_LIMIT_MESSAGE} ${requestId()}.`, documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`, status: String(status) };
    return { status, body, headers: { ...headers, 'retry-after': String(seconds) } };
  }
  if (status === 502) return { status, text: { contentType: 'text/html; charset=utf-8', content: UNICORN_PAGE }, headers };
  if (status === 503) return { status, body: { code: 'unavailable', message: 'Service unavailable', documentation_url: REST_DOCS_URL }, headers };
  return { status, body: GitHubError.basic(status, 'Server Error').body, headers };
}
