import { type ChangeResult, assignCommander, changeSeverity, changeStatus, resolveIncident } from '../../../incidents/change-incident';
import type { IncidentDeps } from '../../../incidents/incident-deps';
import { loadIncident } from '../../../incidents/incident-queries';
import { validateResolutionNote } from '../../../incidents/validate-resolution-note';
import { parseSeverity } from '../../../incidents/severity';
import { type OpenStatus, STATUS_LABELS, parseStatus } from '../../../incidents/status';
import { mention } from '../../../mrkdwn/mention';
import type { IncidentModalMetadata } from '../../blocks/lifecycle-modals';
import { Field } from '../../ids';
import { type ViewValues, lineOf, metadataOf, selectedOf, userOf } from '../../parse/view-state';
import { tellPrivately } from '../../web-api/tell-privately';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';

interface LifecycleForm<T> {
  /** The picked value, or the field error to show when there is none usable. */
  read(values: ViewValues): { value: T } | { errors: Record<string, string> };
  apply(service: IncidentDeps, incidentId: string, value: T, actorId: string): Promise<ChangeResult>;
  /** What to tell the person when their pick was already the incident's state. */
  unchanged(value: T): string;
}

/**
 * A lifecycle modal was submitted: a field problem goes back onto the form; otherwise the modal
 * closes and the change is applied. A repeat or a failure is told to the person privately in the
 * incident channel.
 */
function lifecycleSubmitted<T>(deps: ListenerDeps, form: LifecycleForm<T>): Routed<ViewArgs> {
  return async ({ ack, view, body, client, context }, reply) => {
    const read = form.read(view.state.values);
    if ('errors' in read) return ack({ response_action: 'errors', errors: read.errors });
    await ack();
    const incidentId = metadataOf<IncidentModalMetadata>(view.private_metadata).incidentId ?? '';
    const incident = await loadIncident(deps.db, incidentId);
    reply.inChannel(incident.channelId);
    const result = await form.apply(deps.services(client, context.botUserId).incidents, incidentId, read.value, body.user.id);
    if (!result.changed) await tellPrivately(client, deps.logger, { user: body.user.id, channel: incident.channelId }, form.unchanged(read.value));
  };
}

function required<T>(value: T | null | undefined, field: string, message: string): { value: T } | { errors: Record<string, string> } {
  return value ? { value } : { errors: { [field]: message } };
}

export const severitySubmitted = (deps: ListenerDeps) =>
  lifecycleSubmitted(deps, {
    read: (values) => required(parseSeverity(selectedOf(values, Field.severity) ?? ''), Field.severity, 'Pick a severity.'),
    apply: changeSeverity,
    unchanged: (severity) => `The severity is already ${severity}.`,
  });

export const statusSubmitted = (deps: ListenerDeps) =>
  lifecycleSubmitted<OpenStatus>(deps, {
    read: (values) => {
      const status = parseStatus(selectedOf(values, Field.status) ?? '');
      return required(status === 'resolved' ? null : status, Field.status, 'Pick a status.');
    },
    apply: changeStatus,
    unchanged: (status) => `The status is already ${STATUS_LABELS[status]}.`,
  });

export const commanderSubmitted = (deps: ListenerDeps) =>
  lifecycleSubmitted(deps, {
    read: (values) => required(userOf(values, Field.commander), Field.commander, 'Pick the new incident commander.'),
    apply: assignCommander,
    unchanged: (user) => `${mention(user)} is already the incident commander.`,
  });

export const resolveSubmitted = (deps: ListenerDeps) =>
  lifecycleSubmitted(deps, {
    read: (values) => {
      const note = lineOf(values, Field.resolutionNote) ?? '';
      const problem = validateResolutionNote(note);
      return problem ? { errors: { [Field.resolutionNote]: problem } } : { value: note };
    },
    apply: resolveIncident,
    unchanged: () => 'This incident is already resolved.',
  });
