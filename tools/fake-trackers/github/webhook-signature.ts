import { createHmac } from 'node:crypto';

/**
 * GitHub's delivery signatures: the lowercase hex HMAC of the raw body keyed with the hook's secret,
 * SHA-256 in `X-Hub-Signature-256` and the legacy SHA-1 in `X-Hub-Signature`. GitHub's documented
 * test vector (secret `It's a Secret to Everybody`, body `Hello, World!`) gives
 * `sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17`.
 */
export function webhookSignatures(secret: string, body: string | Buffer): { sha256: string; sha1: string } {
  return {
    sha256: `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    sha1: `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
  };
}
