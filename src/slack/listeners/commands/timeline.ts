import { sendPhaseChart } from '../../../postmortems/send-phase-chart';
import { timelineFor } from '../../../timeline/timeline-queries';
import { timelineView } from '../../blocks/timeline-view';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import { COMMAND } from '../../ids';
import { openModal, openModalInTime } from '../../web-api/open-modal';
import { addEntryForm } from '../../surfaces/timeline-surfaces';
import type { IncidentSubcommand } from './subcommand';

export const timeline: IncidentSubcommand = {
  name: 'timeline',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    if (ctx.text.toLowerCase() === 'add') {
      // The form's times are in the person's zone, which may take a look-up.
      return openModalInTime(client, command.trigger_id, { title: 'Add to timeline', time: ctx.deps.slackTime, reply: ctx.reply }, () =>
        addEntryForm(ctx.deps, client, incident, command.user_id),
      );
    }
    if (ctx.text.toLowerCase() === 'chart') {
      await sendPhaseChart(ctx.services.postmortems, incident.id, command.user_id);
      return 'I sent you the phase chart as it stands now, in a direct message.';
    }
    if (ctx.text) {
      return `Use \`${COMMAND} timeline\` to see it, \`${COMMAND} timeline add\` to add an entry or \`${COMMAND} timeline chart\` for its phase chart, not "${escapeMrkdwn(ctx.text)}".`;
    }
    return openModal(client, command.trigger_id, timelineView(incident, await timelineFor(ctx.deps.db, incident.id)));
  },
};
