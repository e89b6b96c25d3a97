import type { WebClient } from '@slack/web-api';
import { localParts } from '../../zoned-time';
import type { ListenerDeps } from '../listeners/listener-deps';
import { userTimeZone } from '../web-api/user-time-zone';

/** A person's time zone (from their profile, else the configured default) and their calendar day now. */
export async function personDay(deps: ListenerDeps, client: WebClient, userId: string): Promise<{ timeZone: string; today: string }> {
  const timeZone = await userTimeZone(client, userId, deps.config.reminders.defaultTimeZone);
  return { timeZone, today: localParts(deps.clock.now(), timeZone).date };
}
