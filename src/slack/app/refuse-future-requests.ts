import type { RequestListener } from 'node:http';

/** How far a request's timestamp may be from now, either way: Slack's own rule for stale requests. */
export const REQUEST_CLOCK_SKEW_S = 5 * 60;

/**
 * Bolt refuses a signed request whose `X-Slack-Request-Timestamp` is more than five minutes old,
 * but takes one stamped in the future: a captured request stamped ahead could be replayed for as
 * long as it stays ahead. This refuses it the same way (401), before Bolt reads the body.
 */
export function refuseFutureRequests(inner: RequestListener, nowMs: () => number = Date.now): RequestListener {
  return (req, res) => {
    const stamped = Number(req.headers['x-slack-request-timestamp']);
    if (req.method === 'POST' && Number.isFinite(stamped) && stamped > nowMs() / 1000 + REQUEST_CLOCK_SKEW_S) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('x-slack-request-timestamp is in the future');
      return;
    }
    inner(req, res);
  };
}
