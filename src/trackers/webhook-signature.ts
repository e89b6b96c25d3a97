import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether a signature header is `sha256=` and the hex HMAC-SHA256 of the exact body bytes under
 * the secret, as GitHub (`X-Hub-Signature-256`) and Jira's admin webhooks (`X-Hub-Signature`) sign
 * them. Compared in constant time, after checking the length, which `timingSafeEqual` requires.
 */
export function sha256SignatureMatches(header: string | undefined, body: Buffer, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
