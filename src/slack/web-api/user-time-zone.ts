import type { WebClient } from '@slack/web-api';
import { isKnownTimeZone } from '../../zoned-time';
import { slackCall } from './slack-call';

/** The person's time zone from their Slack profile; `fallback` when Slack does not know it. */
export async function userTimeZone(client: WebClient, userId: string, fallback = 'UTC'): Promise<string> {
  const result = await slackCall(() => client.users.info({ user: userId })).catch(() => undefined);
  const zone = result?.user?.tz;
  return isKnownTimeZone(zone) ? zone : fallback;
}
