import type { App } from '@slack/bolt';
import { IncidentAction, TimelineAction } from '../../ids';
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
}
