import type { App } from '@slack/bolt';
import { COMMAND } from '../../ids';
import type { ListenerDeps } from '../deps';
import { incidentCommand } from './incident-command';

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, incidentCommand(deps));
}
