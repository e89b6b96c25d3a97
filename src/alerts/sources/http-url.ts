import { ALERT_LIMITS } from '../alert-notification';

/**
 * The link when it is an absolute http(s) URL that fits ALERT_LIMITS.url, else undefined. Any
 * other scheme (`javascript:`, `data:`, `slack:`) never reaches a message, and a cut URL would
 * lead somewhere else, so a long one is dropped rather than truncated.
 */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // `href` is the URL as parsed: spaces and control characters percent-encoded.
  return url.href.length <= ALERT_LIMITS.url ? url.href : undefined;
}

/** The first of several candidate links that is usable (`dashboardURL`, then `panelURL`, …). */
export function firstHttpUrl(...values: unknown[]): string | undefined {
  for (const value of values) {
    const url = httpUrl(value);
    if (url) return url;
  }
  return undefined;
}
