import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { declareIncident } from '../../../incidents/declare-incident';
import type { DeclareRequest } from '../../../incidents/incident';
import { incidentForRequest } from '../../../incidents/incident-queries';
import { validateDeclare } from '../../../incidents/validate-declare';
import { declareModal } from '../../blocks/declare-modal';
import { declaredView, declaringView, setupStoppedView } from '../../blocks/declare-result-view';
import { Field } from '../../ids';
import { readDeclareForm } from '../../parse/declare-form';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { type ListenerDeps, incidentDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const FIELD_BLOCKS = {
  title: Field.title,
  severity: Field.severity,
  description: Field.description,
  impactStartedAt: Field.impactStartedAt,
} as const;

/**
 * The declare form was submitted. Field problems go back onto the form; otherwise the modal
 * turns into a progress view at once and then shows the new channel, or, when Slack refused a
 * step, the form again with the answers kept (nothing created) or an offer to finish set-up.
 */
export function declareSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const values = readDeclareForm(view.state.values);
    const request: DeclareRequest = { requestKey: view.id, declaredBy: body.user.id, ...values };
    const problems = validateDeclare(request, deps.clock.now());
    const errors = Object.fromEntries(
      Object.entries(problems).map(([field, message]) => [FIELD_BLOCKS[field as keyof typeof FIELD_BLOCKS], message]),
    );
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({ response_action: 'update', view: declaringView(request.title) });

    const show = (next: ModalView) =>
      slackCall(() => client.views.update({ view_id: view.id, view: next })).catch((err: unknown) =>
        deps.logger.warn({ err, viewId: view.id }, 'could not show the declare result'),
      );
    try {
      const outcome = await declareIncident(incidentDeps(deps, client, context.botUserId), request);
      if (outcome.kind === 'declared') await show(declaredView(outcome.incident));
    } catch (error) {
      const problem = describeError(error, deps.logger, { request: 'declare', viewId: view.id });
      const incident = await incidentForRequest(deps.db, view.id);
      await show(
        incident?.channelId
          ? setupStoppedView(incident, problem)
          : declareModal(values, `The incident was not declared: ${problem} Nothing was created; declare again when ready.`),
      );
    }
  };
}
