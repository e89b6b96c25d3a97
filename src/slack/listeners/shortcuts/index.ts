import type { App } from '@slack/bolt';
import { ShortcutId } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { routeShortcut } from '../route-by-id';
import { addToTimelineShortcut } from './add-to-timeline';

export function registerShortcuts(app: App, deps: ListenerDeps): void {
  routeShortcut(app, deps, ShortcutId.addToTimeline, addToTimelineShortcut(deps));
}
