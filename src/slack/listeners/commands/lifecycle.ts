import { assignCommander, changeSeverity, changeStatus, reopenIncident, resolveIncident } from '../../../incidents/incident-service';
import { RESOLUTION_NOTE_MAX } from '../../../incidents/incident';
import { SEVERITIES, parseSeverity } from '../../../incidents/severity';
import { STATUSES, STATUS_LABELS, parseStatus } from '../../../incidents/status';
import { commanderModal, resolveModal, severityModal, statusModal } from '../../blocks/lifecycle-modals';
import { COMMAND } from '../../ids';
import { mentionedUser } from '../../parse/declare-form';
import { incidentDeps } from '../deps';
import { openModal } from '../open-modal';
import { type IncidentSubcommand, type SubcommandContext, ackThen } from './subcommand';

const serviceDeps = ({ deps, args }: SubcommandContext) => incidentDeps(deps, args.client, args.context.botUserId);
const userOf = ({ args }: SubcommandContext) => args.command.user_id;

export const status: IncidentSubcommand = {
  name: 'status',
  scope: 'incident',
  usage: `${COMMAND} status [${STATUSES.join('|')}]`,
  summary: 'Update the status (no argument opens a picker)',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      if (!ctx.text) return openModal(ctx.args.client, ctx.args.command.trigger_id, statusModal(incident));
      const next = parseStatus(ctx.text);
      if (!next) return `"${ctx.text}" is not a status. Use one of: ${STATUSES.join(', ')}.`;
      if (next === 'resolved') return openModal(ctx.args.client, ctx.args.command.trigger_id, resolveModal(incident));
      const result = await changeStatus(serviceDeps(ctx), incident.id, next, userOf(ctx));
      return result.changed ? undefined : `The status is already ${STATUS_LABELS[next]}.`;
    }),
};

export const severity: IncidentSubcommand = {
  name: 'severity',
  scope: 'incident',
  usage: `${COMMAND} severity [SEV1..SEV4]`,
  summary: 'Change the severity (SEV1 is the most severe)',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      if (!ctx.text) return openModal(ctx.args.client, ctx.args.command.trigger_id, severityModal(incident));
      const next = parseSeverity(ctx.text);
      if (!next) return `"${ctx.text}" is not a severity. Use one of: ${SEVERITIES.join(', ')} (SEV1 is the most severe).`;
      const result = await changeSeverity(serviceDeps(ctx), incident.id, next, userOf(ctx));
      return result.changed ? undefined : `The severity is already ${next}.`;
    }),
};

export const commander: IncidentSubcommand = {
  name: 'commander',
  scope: 'incident',
  usage: `${COMMAND} commander @person`,
  summary: 'Hand the incident commander role to someone',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      if (!ctx.text) return openModal(ctx.args.client, ctx.args.command.trigger_id, commanderModal(incident));
      const user = mentionedUser(ctx.text);
      if (!user) return `Mention the new commander, e.g. \`${COMMAND} commander @alice\`.`;
      const deps = serviceDeps(ctx);
      const result = await assignCommander(deps, incident.id, user, userOf(ctx));
      if (result.changed) await deps.port.inviteMembers(incident.channelId as string, [user]);
      return result.changed ? undefined : `<@${user}> is already the incident commander.`;
    }),
};

export const resolve: IncidentSubcommand = {
  name: 'resolve',
  scope: 'incident',
  usage: `${COMMAND} resolve [what ended the impact]`,
  summary: 'Resolve the incident with a one-line note (no note opens a form)',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      if (!ctx.text) return openModal(ctx.args.client, ctx.args.command.trigger_id, resolveModal(incident));
      if (ctx.text.length > RESOLUTION_NOTE_MAX) {
        return `Keep the resolution note to ${RESOLUTION_NOTE_MAX} characters (it has ${ctx.text.length}); details belong in the post-mortem.`;
      }
      const result = await resolveIncident(serviceDeps(ctx), incident.id, ctx.text, userOf(ctx));
      return result.changed ? undefined : 'This incident is already resolved.';
    }),
};

export const reopen: IncidentSubcommand = {
  name: 'reopen',
  scope: 'incident',
  usage: `${COMMAND} reopen`,
  summary: 'Reopen a resolved incident',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      const result = await reopenIncident(serviceDeps(ctx), incident.id, userOf(ctx));
      return result.changed ? undefined : 'This incident is not resolved, so there is nothing to reopen.';
    }),
};
