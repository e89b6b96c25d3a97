import { z } from 'zod';
import { ALERT_LIMITS } from '../alert-notification';
import { boundedKey } from './bounded-key';
import { preview } from './parse-payload';
import { epochToDate, parseRfc3339 } from './parse-time';

/**
 * Field schemas the parsers share. Required fields are strict: without them there is no alert
 * to speak of. Optional text, links and maps are lenient: a vendor sending `null` or a number
 * where a string was documented should not cost anyone an alert, so a mistyped optional field
 * reads as absent. Times are strict wherever they are given, since a wrong time misleads.
 */

/** A source's key for a group or an alert: required, non-empty, bounded without losing identity. */
export const identifier = z
  .string()
  .min(1)
  .transform((key) => boundedKey(key, ALERT_LIMITS.groupKey))
  .pipe(z.string().min(1));

/** An RFC 3339 instant. */
export const rfc3339Time = z.string().transform((value, ctx) => {
  const time = parseRfc3339(value);
  if (time) return time;
  ctx.issues.push({ code: 'custom', input: value, message: `expected an RFC 3339 time, got ${preview(value)}` });
  return z.NEVER;
});

/** Milliseconds since the epoch (or micro- or nanoseconds, told apart by size). */
export const epochTime = z.number().transform((value, ctx) => {
  const time = epochToDate(value);
  if (time) return time;
  ctx.issues.push({ code: 'custom', input: value, message: `expected milliseconds since the epoch, got ${preview(value)}` });
  return z.NEVER;
});

/** Optional text: a string, or null when absent or of another type. */
export const optionalText = z.string().nullish().catch(null);

/** A vendor's string map (labels, annotations, details), or null when absent or not an object. */
export const optionalMap = z.record(z.string(), z.unknown()).nullish().catch(null);
