import type { WebClient } from '@slack/web-api';
import { myWork } from '../home/my-work';
import { localParts } from '../zoned-time';
import { homeView } from './blocks/home-view';
import type { ListenerDeps } from './listeners/deps';
import { usages } from './listeners/commands/usages';
import { slackCall } from './slack-errors';
import { userTimeZone } from './user-time-zone';

/** Publishes a person's Home tab as it is now: opened, or after they acted on an item there. */
export async function publishHome(deps: ListenerDeps, client: WebClient, userId: string): Promise<void> {
  const timeZone = await userTimeZone(client, userId, deps.config.reminders.defaultTimeZone);
  const today = localParts(deps.clock.now(), timeZone).date;
  const view = homeView(usages(), await myWork(deps.db, userId, today), today);
  await slackCall(() => client.views.publish({ user_id: userId, view }));
}
