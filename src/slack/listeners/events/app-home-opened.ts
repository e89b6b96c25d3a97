import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../surfaces/home-tab';
import type { ListenerDeps } from '../listener-deps';

/** Publishes the Home tab each time a person opens it, so it always shows their work as it is now. */
export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, event.user);
  };
}
