import type { App } from '@slack/bolt';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import type { ListenerDeps } from './listener-deps';
import { registerEvents } from './events';
import { registerShortcuts } from './shortcuts';
import { registerViews } from './views';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerShortcuts(app, deps);
}
