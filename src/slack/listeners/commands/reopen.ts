import { reopenIncident } from '../../../incidents/change-incident';
import type { IncidentSubcommand } from './subcommand';

export const reopen: IncidentSubcommand = {
  name: 'reopen',
  scope: 'incident',
  async run(ctx, incident) {
    const result = await reopenIncident(ctx.services.incidents, incident.id, ctx.args.command.user_id);
    return result.changed ? undefined : 'This incident is not resolved, so there is nothing to reopen.';
  },
};
