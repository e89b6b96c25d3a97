import { reopenIncident } from '../../../incidents/change-incident';
import { COMMAND } from '../../ids';
import { type IncidentSubcommand, ackThen, serviceFor } from './subcommand';

export const reopen: IncidentSubcommand = {
  name: 'reopen',
  scope: 'incident',
  usage: `${COMMAND} reopen`,
  summary: 'Reopen a resolved incident',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      const result = await reopenIncident(serviceFor(ctx), incident.id, ctx.args.command.user_id);
      return result.changed ? undefined : 'This incident is not resolved, so there is nothing to reopen.';
    }),
};
