import type { App } from '@slack/bolt';
import { CallbackId } from '../../ids';
import type { ListenerDeps } from '../deps';
import { declareSubmitted } from './declare-submitted';
import { commanderSubmitted, resolveSubmitted, severitySubmitted, statusSubmitted } from './lifecycle-submitted';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(CallbackId.declare, declareSubmitted(deps));
  app.view(CallbackId.changeSeverity, severitySubmitted(deps));
  app.view(CallbackId.changeStatus, statusSubmitted(deps));
  app.view(CallbackId.assignCommander, commanderSubmitted(deps));
  app.view(CallbackId.resolve, resolveSubmitted(deps));
}
