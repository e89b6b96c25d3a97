import { createHmac } from 'node:crypto';

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function slackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
}

/** The two headers Slack adds to every request it sends an app. */
export function signatureHeaders(signingSecret: string, timestampSeconds: number, rawBody: string): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': slackSignature(signingSecret, timestampSeconds, rawBody),
  };
}
