import type { WebClient } from '@slack/web-api';
import { myWork } from '../../home/my-work';
import { DEFAULT_PERIOD, insightPeriod } from '../../insights/insight-period';
import { insightsFor } from '../../insights/insights';
import { COMMAND_USAGES } from '../blocks/command-usages';
import { homeView } from '../blocks/home-view';
import type { ListenerDeps } from '../listeners/listener-deps';
import { slackCall } from '../web-api/slack-call';
import { personDay } from './person-day';

/** Publishes a person's Home tab as it is now: opened, or after they acted on an item there. */
export async function publishHome(deps: ListenerDeps, client: WebClient, userId: string): Promise<void> {
  const { today, timeZone } = await personDay(deps, client, userId);
  const services = deps.services(client);
  // With TRACKER_CREATE=button, an item without an issue can get one from here.
  const issues = deps.config.tracker?.create === 'button' && services.trackers ? { trackerName: services.trackers.tracker.name } : undefined;
  const insights = await insightsFor(services.insights, userId, insightPeriod(DEFAULT_PERIOD, deps.clock.now(), timeZone), today);
  const view = homeView(COMMAND_USAGES, { ...(await myWork(services.incidents, userId, today)), insights }, today, issues);
  await slackCall(() => client.views.publish({ user_id: userId, view }));
}
