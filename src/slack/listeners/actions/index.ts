import type { App } from '@slack/bolt';
import { AccountAction, AlertAction, IncidentAction, ItemAction, PostmortemAction, TimelineAction, VerifyAction } from '../../ids';
import { accountDeclineClicked } from './account-decline-clicked';
import { accountWriteClicked } from './account-write-clicked';
import { alertDeclareClicked } from './alert-declare-clicked';
import { alertDismissClicked } from './alert-dismiss-clicked';
import { itemDoneClicked } from './item-done-clicked';
import { itemSnoozeClicked } from './item-snooze-clicked';
import { itemWontDoClicked } from './item-wont-do-clicked';
import { actionItemPicked } from './action-item-picked';
import { addActionItemClicked } from './add-action-item-clicked';
import { backToEditingClicked } from './back-to-editing-clicked';
import { inviteToReviewClicked } from './invite-to-review-clicked';
import { postmortemOpened } from './postmortem-opened';
import type { ListenerDeps } from '../listener-deps';
import { routeActions } from '../route-by-id';
import { declareClicked } from './declare-clicked';
import { finishSetupClicked } from './finish-setup-clicked';
import { openCommanderModal, openResolveModal, openSeverityModal, openStatusModal } from './open-incident-modal';
import { reopenClicked } from './reopen-clicked';
import { takeCommandClicked } from './take-command-clicked';
import { addEntryClicked } from './add-entry-clicked';
import { entryMenuPicked } from './entry-menu-picked';
import { timelinePageClicked } from './timeline-page-clicked';
import { verificationAnswer } from './verification-answer';
import { createIssueClicked } from './create-issue-clicked';

export function registerActions(app: App, deps: ListenerDeps): void {
  routeActions(app, deps, {
    [IncidentAction.declare]: declareClicked,
    [IncidentAction.updateStatus]: openStatusModal(deps),
    [IncidentAction.changeSeverity]: openSeverityModal(deps),
    [IncidentAction.assignCommander]: openCommanderModal(deps),
    [IncidentAction.resolve]: openResolveModal(deps),
    [IncidentAction.reopen]: reopenClicked(deps),
    [IncidentAction.finishSetup]: finishSetupClicked(deps),
    [IncidentAction.takeCommand]: takeCommandClicked(deps),
    [TimelineAction.addEntry]: addEntryClicked(deps),
    [TimelineAction.entryMenu]: entryMenuPicked(deps),
    [TimelineAction.page]: timelinePageClicked(deps),
    [TimelineAction.pageLater]: timelinePageClicked(deps),
    [PostmortemAction.open]: postmortemOpened(deps),
    [PostmortemAction.addActionItem]: addActionItemClicked(deps),
    [PostmortemAction.actionItemMenu]: actionItemPicked(deps),
    [PostmortemAction.editActionItem]: actionItemPicked(deps),
    [PostmortemAction.removeActionItem]: actionItemPicked(deps),
    [PostmortemAction.backToEditing]: backToEditingClicked(deps),
    [PostmortemAction.inviteToReview]: inviteToReviewClicked(deps),
    [AccountAction.write]: accountWriteClicked(deps),
    [AccountAction.decline]: accountDeclineClicked(deps),
    [ItemAction.done]: itemDoneClicked(deps),
    [ItemAction.snoozeDay]: itemSnoozeClicked(deps),
    [ItemAction.snoozeWeek]: itemSnoozeClicked(deps),
    [ItemAction.wontDo]: itemWontDoClicked,
    [ItemAction.createIssue]: createIssueClicked(deps),
    [AlertAction.declare]: alertDeclareClicked(deps),
    [AlertAction.declareHeld]: alertDeclareClicked(deps),
    [AlertAction.dismiss]: alertDismissClicked,
    [VerifyAction.verified]: verificationAnswer(deps),
    [VerifyAction.notEffective]: verificationAnswer(deps),
    [VerifyAction.unsure]: verificationAnswer(deps),
  });
}
