import { declareIncident } from '../../../incidents/declare-incident';
import type { DeclareRequest } from '../../../incidents/incident';
import { incidentForRequest } from '../../../incidents/incident-queries';
import { validateDeclare } from '../../../incidents/validate-declare';
import { type DeclareFormSource, declareModal } from '../../blocks/declare-modal';
import { linkOnDeclare, showDecision } from '../../../alerts/decide-on-offer';
import { metadataOf } from '../../parse/view-state';
import { declaredView, declaringView, setupStoppedView } from '../../blocks/declare-result-view';
import { Field } from '../../ids';
import { readDeclareForm } from '../../parse/declare-form';
import { showView } from '../../web-api/show-view';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';
import { fieldErrors } from './field-errors';

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
export function declareSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client, context }, reply) => {
    const values = readDeclareForm(view.state.values);
    const from = metadataOf<DeclareFormSource>(view.private_metadata);
    const request: DeclareRequest = { requestKey: view.id, declaredBy: body.user.id, ...values };
    const errors = fieldErrors(validateDeclare(request, deps.clock.now()), FIELD_BLOCKS);
    if (errors) return ack({ response_action: 'errors', errors });
    await ack({ response_action: 'update', view: declaringView(request.title) });
    reply.inModal(view.id, async (problem) => {
      const incident = await incidentForRequest(deps.db, view.id);
      return incident?.channelId
        ? setupStoppedView(incident, problem)
        : declareModal(values, `The incident was not declared: ${problem} Nothing was created; declare again when ready.`, from);
    });
    const services = deps.services(client, context.botUserId);
    const outcome = await declareIncident(services.incidents, request, from.alertGroupId ? linkOnDeclare(from.alertGroupId) : {});
    if (outcome.kind === 'declared') await showView(client, deps.logger, view.id, declaredView(outcome.incident));
    if (from.alertGroupId) await showDecision(services.alerts, from.alertGroupId);
  };
}
