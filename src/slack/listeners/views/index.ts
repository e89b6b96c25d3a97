import type { App } from '@slack/bolt';
import { CallbackId } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { routeViews } from '../route-by-id';
import { declareSubmitted } from './declare-submitted';
import { commanderSubmitted, resolveSubmitted, severitySubmitted, statusSubmitted } from './lifecycle-submitted';
import { pickIncidentSubmitted } from './pick-incident-submitted';
import { actionItemSubmitted } from './action-item-submitted';
import { postmortemReviewSubmitted } from './postmortem-review-submitted';
import { postmortemSubmitted } from './postmortem-submitted';
import { wontDoSubmitted } from './wont-do-submitted';
import { alertDismissSubmitted } from './alert-dismiss-submitted';
import { addEntrySubmitted } from './add-entry-submitted';
import { deleteEntrySubmitted } from './delete-entry-submitted';
import { editEntrySubmitted } from './edit-entry-submitted';
import { accountSubmitted } from './account-submitted';
import { notEffectiveSubmitted } from './not-effective';

export function registerViews(app: App, deps: ListenerDeps): void {
  routeViews(app, deps, {
    [CallbackId.declare]: declareSubmitted(deps),
    [CallbackId.changeSeverity]: severitySubmitted(deps),
    [CallbackId.changeStatus]: statusSubmitted(deps),
    [CallbackId.assignCommander]: commanderSubmitted(deps),
    [CallbackId.resolve]: resolveSubmitted(deps),
    [CallbackId.timelineAddEntry]: addEntrySubmitted(deps),
    [CallbackId.timelineEditEntry]: editEntrySubmitted(deps),
    [CallbackId.timelineDeleteEntry]: deleteEntrySubmitted(deps),
    [CallbackId.timelinePickIncident]: pickIncidentSubmitted(deps),
    [CallbackId.postmortem]: postmortemSubmitted(deps),
    [CallbackId.postmortemReview]: postmortemReviewSubmitted(deps),
    [CallbackId.actionItem]: actionItemSubmitted(deps),
    [CallbackId.wontDo]: wontDoSubmitted(deps),
    [CallbackId.alertDismiss]: alertDismissSubmitted(deps),
    [CallbackId.account]: accountSubmitted(deps),
    [CallbackId.notEffective]: notEffectiveSubmitted(deps),
  });
}
