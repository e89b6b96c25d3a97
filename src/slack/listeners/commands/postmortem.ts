import { postmortemFormView } from '../../surfaces/postmortem-form-view';
import { openModal } from '../../web-api/open-modal';
import { showSimilarIncidents } from '../../../recurrence/show-similar-incidents';
import type { IncidentSubcommand } from './subcommand';

export const postmortem: IncidentSubcommand = {
  name: 'postmortem',
  scope: 'incident',
  async run(ctx, incident) {
    await openModal(ctx.args.client, ctx.args.command.trigger_id, await postmortemFormView(ctx.deps, ctx.services, incident));
    // After the form is on screen: its trigger expires in seconds, the channel's message can wait.
    await showSimilarIncidents(ctx.services.recurrence, incident.id, 'postmortem_opened');
  },
};
