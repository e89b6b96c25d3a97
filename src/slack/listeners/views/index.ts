import type { App } from '@slack/bolt';
import { CallbackId } from '../../ids';
import type { ListenerDeps } from '../deps';
import { declareSubmitted } from './declare-submitted';
import { commanderSubmitted, resolveSubmitted, severitySubmitted, statusSubmitted } from './lifecycle-submitted';
import { pickIncidentSubmitted } from './pick-incident-submitted';
import { actionItemSubmitted } from './action-item-submitted';
import { postmortemReviewSubmitted } from './postmortem-review-submitted';
import { postmortemSubmitted } from './postmortem-submitted';
import { wontDoSubmitted } from './wont-do-submitted';
import { addEntrySubmitted } from './add-entry-submitted';
import { deleteEntrySubmitted } from './delete-entry-submitted';
import { editEntrySubmitted } from './edit-entry-submitted';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(CallbackId.declare, declareSubmitted(deps));
  app.view(CallbackId.changeSeverity, severitySubmitted(deps));
  app.view(CallbackId.changeStatus, statusSubmitted(deps));
  app.view(CallbackId.assignCommander, commanderSubmitted(deps));
  app.view(CallbackId.resolve, resolveSubmitted(deps));
  app.view(CallbackId.timelineAddEntry, addEntrySubmitted(deps));
  app.view(CallbackId.timelineEditEntry, editEntrySubmitted(deps));
  app.view(CallbackId.timelineDeleteEntry, deleteEntrySubmitted(deps));
  app.view(CallbackId.timelinePickIncident, pickIncidentSubmitted(deps));
  app.view(CallbackId.postmortem, postmortemSubmitted(deps));
  app.view(CallbackId.postmortemReview, postmortemReviewSubmitted(deps));
  app.view(CallbackId.actionItem, actionItemSubmitted(deps));
  app.view(CallbackId.wontDo, wontDoSubmitted(deps));
}
