import type { WebClient } from '@slack/web-api';
import { calendarDay } from '../../zoned-time';
import type { ListenerDeps } from '../listeners/listener-deps';

/** A person's time zone (from their profile, else the configured default) and their calendar day now. */
export async function personDay(deps: ListenerDeps, client: WebClient, userId: string): Promise<{ timeZone: string; today: string }> {
  const timeZone = await deps.services(client).people.timeZoneOr(userId, deps.config.reminders.defaultTimeZone);
  return { timeZone, today: calendarDay(deps.clock.now(), timeZone) };
}
