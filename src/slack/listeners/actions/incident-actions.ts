import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Incident } from '../../../incidents/incident';
import { finishSetup, loadIncident, reopenIncident } from '../../../incidents/incident-service';
import { EMPTY_DECLARE_FORM, declareModal } from '../../blocks/declare-modal';
import { declaredView, declaringView, setupStoppedView } from '../../blocks/declare-result-view';
import { commanderModal, resolveModal, severityModal, statusModal } from '../../blocks/lifecycle-modals';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { type ListenerDeps, incidentDeps } from '../deps';
import { openModal } from '../open-modal';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Tells the person who clicked, privately, why their click did nothing. */
async function explain(args: Args, deps: ListenerDeps, error: unknown): Promise<void> {
  const text = `:warning: ${describeError(error, deps.logger, { action: args.action.action_id })}`;
  if (args.body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
  } else {
    await slackCall(() => args.client.chat.postEphemeral({ channel: args.body.user.id, user: args.body.user.id, text })).catch(
      () => undefined,
    );
  }
}

/** A card button that opens a modal for its incident. */
export function openIncidentModal(deps: ListenerDeps, build: (incident: Incident) => ModalView) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    try {
      const incident = await loadIncident(deps.db, args.action.value ?? '');
      await openModal(args.client, args.body.trigger_id, build(incident));
    } catch (error) {
      await explain(args, deps, error);
    }
  };
}

export const openStatusModal = (deps: ListenerDeps) => openIncidentModal(deps, statusModal);
export const openSeverityModal = (deps: ListenerDeps) => openIncidentModal(deps, severityModal);
export const openCommanderModal = (deps: ListenerDeps) => openIncidentModal(deps, commanderModal);
export const openResolveModal = (deps: ListenerDeps) => openIncidentModal(deps, resolveModal);

export function reopenClicked(deps: ListenerDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    try {
      await reopenIncident(incidentDeps(deps, args.client, args.context.botUserId), args.action.value ?? '', args.body.user.id);
    } catch (error) {
      await explain(args, deps, error);
    }
  };
}

/** "Declare an incident" in the help message. */
export function declareClicked(deps: ListenerDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    try {
      const view = declareModal(EMPTY_DECLARE_FORM, { originChannelId: args.body.channel?.id ?? null });
      await openModal(args.client, args.body.trigger_id, view);
    } catch (error) {
      await explain(args, deps, error);
    }
  };
}

/** "Finish setting up" on a declaration that Slack interrupted: resumes where it stopped. */
export function finishSetupClicked(deps: ListenerDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const viewId = args.body.view?.id;
    const show = (view: ModalView) =>
      viewId ? slackCall(() => args.client.views.update({ view_id: viewId, view })).catch(() => undefined) : undefined;
    const incidentId = args.action.value ?? '';
    try {
      const incident = await loadIncident(deps.db, incidentId);
      await show(declaringView(incident.title));
      await show(declaredView(await finishSetup(incidentDeps(deps, args.client, args.context.botUserId), incidentId)));
    } catch (error) {
      const problem = describeError(error, deps.logger, { action: 'finish_setup', incidentId });
      const incident = await loadIncident(deps.db, incidentId).catch(() => undefined);
      if (incident) await show(setupStoppedView(incident, problem));
      else await explain(args, deps, error);
    }
  };
}
