import { createHmac, timingSafeEqual } from 'node:crypto';

/** One version-1 signature: an HMAC-SHA256 in hex, 32 bytes. */
const V1_SIGNATURE = /^v1=([0-9a-fA-F]{64})$/;

/**
 * Whether `X-PagerDuty-Signature` signs this exact body with the secret. PagerDuty sends
 * comma-separated `v1=<hex HMAC-SHA256 of the raw body>`, one per signing secret while a secret
 * rotates (developer-docs `docs/webhooks/04-Signatures.md`); one match is enough. Other versions
 * are skipped, and the body must be the bytes received, not re-serialised JSON.
 */
export function pagerDutySignatureMatches(header: string | undefined, rawBody: Buffer, secret: string): boolean {
  if (!header || secret === '') return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let matched = false;
  for (const part of header.split(',')) {
    const hex = V1_SIGNATURE.exec(part.trim())?.[1];
    if (!hex) continue;
    // Every candidate is compared, so the time taken does not say which one matched.
    matched = timingSafeEqual(expected, Buffer.from(hex, 'hex')) || matched;
  }
  return matched;
}
