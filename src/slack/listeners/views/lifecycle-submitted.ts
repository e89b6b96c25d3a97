import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import {
  type ChangeResult,
  type IncidentDeps,
  assignCommander,
  changeSeverity,
  changeStatus,
  loadIncident,
  resolveIncident,
} from '../../../incidents/incident-service';
import { RESOLUTION_NOTE_MAX } from '../../../incidents/incident';
import { parseSeverity } from '../../../incidents/severity';
import { parseStatus } from '../../../incidents/status';
import type { IncidentModalMetadata } from '../../blocks/lifecycle-modals';
import { Field } from '../../ids';
import { metadataOf, selectedOf, textOf, userOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { type ListenerDeps, incidentDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Change = (service: IncidentDeps, incidentId: string, actorId: string, args: Args) => Promise<ChangeResult>;

/**
 * A lifecycle modal was submitted: close it, apply the change, and if that fails tell the
 * person privately in the incident channel.
 */
function lifecycleSubmitted(deps: ListenerDeps, change: Change, validate?: (view: Args['view']) => Record<string, string> | null) {
  return async (args: Args): Promise<void> => {
    const { ack, view, body, client, context } = args;
    const errors = validate?.(view);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const incidentId = metadataOf<IncidentModalMetadata>(view.private_metadata).incidentId;
    if (!incidentId) return;
    const service = incidentDeps(deps, client, context.botUserId);
    try {
      await change(service, incidentId, body.user.id, args);
    } catch (error) {
      const text = `:warning: ${describeError(error, deps.logger, { view: view.callback_id, incidentId })}`;
      const incident = await loadIncident(deps.db, incidentId).catch(() => undefined);
      const channel = incident?.channelId ?? body.user.id;
      await slackCall(() => client.chat.postEphemeral({ channel, user: body.user.id, text })).catch(() => undefined);
    }
  };
}

export const severitySubmitted = (deps: ListenerDeps) =>
  lifecycleSubmitted(deps, (service, id, actor, { view }) =>
    changeSeverity(service, id, parseSeverity(selectedOf(view.state.values, Field.severity) ?? '') ?? 'SEV3', actor),
  );

export const statusSubmitted = (deps: ListenerDeps) =>
  lifecycleSubmitted(deps, (service, id, actor, { view }) => {
    const status = parseStatus(selectedOf(view.state.values, Field.status) ?? '');
    return changeStatus(service, id, status && status !== 'resolved' ? status : 'investigating', actor);
  });

export const commanderSubmitted = (deps: ListenerDeps) =>
  lifecycleSubmitted(deps, async (service, id, actor, { view }) => {
    const user = userOf(view.state.values, Field.commander) ?? actor;
    const result = await assignCommander(service, id, user, actor);
    if (result.changed && result.incident.channelId) await service.port.inviteMembers(result.incident.channelId, [user]);
    return result;
  });

export const resolveSubmitted = (deps: ListenerDeps) =>
  lifecycleSubmitted(
    deps,
    (service, id, actor, { view }) => resolveIncident(service, id, textOf(view.state.values, Field.resolutionNote) ?? '', actor),
    (view) => {
      const note = textOf(view.state.values, Field.resolutionNote) ?? '';
      if (!note) return { [Field.resolutionNote]: 'Say in one line what ended the impact.' };
      if (note.length > RESOLUTION_NOTE_MAX) {
        return { [Field.resolutionNote]: `Keep it to ${RESOLUTION_NOTE_MAX} characters; details belong in the post-mortem.` };
      }
      return null;
    },
  );
