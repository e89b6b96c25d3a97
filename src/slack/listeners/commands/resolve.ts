import { resolveIncident } from '../../../incidents/change-incident';
import { resolveModal } from '../../blocks/lifecycle-modals';
import { COMMAND } from '../../ids';
import { typedText } from '../../parse/command-text';
import { openModal } from '../open-modal';
import { type IncidentSubcommand, ackThen, serviceFor } from './subcommand';

export const resolve: IncidentSubcommand = {
  name: 'resolve',
  scope: 'incident',
  usage: `${COMMAND} resolve [what ended the impact]`,
  summary: 'Resolve the incident with a one-line note (no note opens a form)',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      const { client, command } = ctx.args;
      if (!ctx.text) return openModal(client, command.trigger_id, resolveModal(incident));
      const result = await resolveIncident(serviceFor(ctx), incident.id, typedText(ctx.text), command.user_id);
      return result.changed ? undefined : 'This incident is already resolved.';
    }),
};
