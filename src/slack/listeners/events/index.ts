import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps';
import { appHomeOpened } from './app-home-opened';
import { messageChanged } from './message-changed';
import { reactionChanged } from './reaction-changed';

export function registerEvents(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('reaction_added', reactionChanged(deps));
  app.event('reaction_removed', reactionChanged(deps));
  app.event('message', messageChanged(deps));
}
