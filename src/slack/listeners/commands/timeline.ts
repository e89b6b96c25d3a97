import { timelineFor } from '../../../timeline/timeline-queries';
import { timelineView } from '../../blocks/timeline-view';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import { COMMAND } from '../../ids';
import { openModal } from '../../web-api/open-modal';
import { addEntryForm } from '../../surfaces/timeline-surfaces';
import type { IncidentSubcommand } from './subcommand';

export const timeline: IncidentSubcommand = {
  name: 'timeline',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    if (ctx.text.toLowerCase() === 'add') {
      return openModal(client, command.trigger_id, await addEntryForm(ctx.deps, client, incident, command.user_id));
    }
    if (ctx.text) return `Use \`${COMMAND} timeline\` to see it or \`${COMMAND} timeline add\` to add an entry, not "${escapeMrkdwn(ctx.text)}".`;
    return openModal(client, command.trigger_id, timelineView(incident, await timelineFor(ctx.deps.db, incident.id)));
  },
};
