import type { App } from '@slack/bolt';
import { IncidentAction, ItemAction, PostmortemAction, TimelineAction } from '../../ids';
import { itemDoneClicked } from './item-done-clicked';
import { itemSnoozeClicked } from './item-snooze-clicked';
import { itemWontDoClicked } from './item-wont-do-clicked';
import { actionItemPicked } from './action-item-picked';
import { addActionItemClicked } from './add-action-item-clicked';
import { backToEditingClicked } from './back-to-editing-clicked';
import { postmortemOpened } from './postmortem-opened';
import type { ListenerDeps } from '../deps';
import { declareClicked } from './declare-clicked';
import { finishSetupClicked } from './finish-setup-clicked';
import { openCommanderModal, openResolveModal, openSeverityModal, openStatusModal } from './open-incident-modal';
import { reopenClicked } from './reopen-clicked';
import { addEntryClicked } from './add-entry-clicked';
import { entryMenuPicked } from './entry-menu-picked';
import { timelinePageClicked } from './timeline-page-clicked';

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action(IncidentAction.declare, declareClicked(deps));
  app.action(IncidentAction.updateStatus, openStatusModal(deps));
  app.action(IncidentAction.changeSeverity, openSeverityModal(deps));
  app.action(IncidentAction.assignCommander, openCommanderModal(deps));
  app.action(IncidentAction.resolve, openResolveModal(deps));
  app.action(IncidentAction.reopen, reopenClicked(deps));
  app.action(IncidentAction.finishSetup, finishSetupClicked(deps));
  app.action(TimelineAction.addEntry, addEntryClicked(deps));
  app.action(TimelineAction.entryMenu, entryMenuPicked(deps));
  app.action(TimelineAction.page, timelinePageClicked(deps));
  app.action(TimelineAction.pageLater, timelinePageClicked(deps));
  app.action(PostmortemAction.open, postmortemOpened(deps));
  app.action(PostmortemAction.addActionItem, addActionItemClicked(deps));
  app.action(PostmortemAction.actionItemMenu, actionItemPicked(deps));
  app.action(PostmortemAction.editActionItem, actionItemPicked(deps));
  app.action(PostmortemAction.removeActionItem, actionItemPicked(deps));
  app.action(PostmortemAction.backToEditing, backToEditingClicked(deps));
  app.action(ItemAction.done, itemDoneClicked(deps));
  app.action(ItemAction.snoozeDay, itemSnoozeClicked(deps));
  app.action(ItemAction.snoozeWeek, itemSnoozeClicked(deps));
  app.action(ItemAction.wontDo, itemWontDoClicked(deps));
  // A link button: Slack opens the channel; the click still has to be acknowledged.
  app.action(ItemAction.openIncident, async ({ ack }) => ack());
}
