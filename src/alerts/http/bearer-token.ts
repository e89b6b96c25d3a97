import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `Authorization: Bearer <token>` carries the expected token (RFC 6750; the scheme's
 * case does not matter). Both sides are hashed before the constant-time comparison, so neither
 * the time taken nor an early length check tells a caller how long the token is. An empty
 * expected token matches nothing: a missing setting must not open the endpoint.
 */
export function bearerTokenMatches(header: string | undefined, expected: string): boolean {
  if (!header || expected === '') return false;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  return timingSafeEqual(sha256(match[1]), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
