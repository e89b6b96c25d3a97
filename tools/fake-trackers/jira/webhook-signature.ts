import { createHmac } from 'node:crypto';

/**
 * `X-Hub-Signature` of a Jira admin webhook with a secret: `sha256=` and the hex HMAC-SHA256 of the
 * raw body. The header name has no `-256`, unlike GitHub's.
 */
export function jiraWebhookSignature(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
