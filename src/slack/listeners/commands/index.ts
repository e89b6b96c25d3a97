import type { App } from '@slack/bolt';
import { COMMAND } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { routeCommand } from '../route-by-id';
import { incidentCommand } from './incident-command';

export function registerCommands(app: App, deps: ListenerDeps): void {
  routeCommand(app, deps, COMMAND, incidentCommand(deps));
}
