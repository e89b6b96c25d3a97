import type { App } from '@slack/bolt';
import { ShortcutId } from '../../ids';
import type { ListenerDeps } from '../deps';
import { addToTimelineShortcut } from './add-to-timeline';

export function registerShortcuts(app: App, deps: ListenerDeps): void {
  app.shortcut({ callback_id: ShortcutId.addToTimeline, type: 'message_action' }, addToTimelineShortcut(deps));
}
