import { postmortemFormView } from '../../surfaces/postmortem-form-view';
import { openModalInTime } from '../../web-api/open-modal';
import { showSimilarIncidents } from '../../../recurrence/show-similar-incidents';
import type { IncidentSubcommand } from './subcommand';

export const postmortem: IncidentSubcommand = {
  name: 'postmortem',
  scope: 'incident',
  async run(ctx, incident) {
    // The form proposes reviewers from the channel's history: in a busy channel that may take longer than the trigger lasts.
    await openModalInTime(ctx.args.client, ctx.args.command.trigger_id, { title: 'Post-mortem', time: ctx.deps.slackTime, reply: ctx.reply }, () =>
      postmortemFormView(ctx.deps, ctx.services, incident),
    );
    // After the form is on screen: its trigger expires in seconds, the channel's message can wait.
    await showSimilarIncidents(ctx.services.recurrence, incident.id, 'postmortem_opened');
  },
};
