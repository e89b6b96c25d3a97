import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeView } from '../../blocks/home-view';
import { usages } from '../commands/usages';

/** Publishes the Home tab each time a person opens it, so it always reflects the current state. */
export async function appHomeOpened({
  event,
  client,
}: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> {
  if (event.tab !== 'home') return;
  await client.views.publish({ user_id: event.user, view: homeView(usages()) });
}
