import { resolveIncident } from '../../../incidents/change-incident';
import { resolveModal } from '../../blocks/lifecycle-modals';
import { typedText } from '../../parse/command-text';
import { openModal } from '../../web-api/open-modal';
import type { IncidentSubcommand } from './subcommand';

export const resolve: IncidentSubcommand = {
  name: 'resolve',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    if (!ctx.text) return openModal(client, command.trigger_id, resolveModal(incident));
    const result = await resolveIncident(ctx.services.incidents, incident.id, typedText(ctx.text), command.user_id);
    return result.changed ? undefined : 'This incident is already resolved.';
  },
};
