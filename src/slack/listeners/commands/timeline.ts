import { timelineFor } from '../../../timeline/timeline-queries';
import { timelineView } from '../../blocks/timeline-view';
import { escapeMrkdwn } from '../../blocks/mrkdwn';
import { COMMAND } from '../../ids';
import { openModal } from '../open-modal';
import { addEntryForm } from '../../timeline-modals';
import { type IncidentSubcommand, ackThen } from './subcommand';

export const timeline: IncidentSubcommand = {
  name: 'timeline',
  scope: 'incident',
  usage: `${COMMAND} timeline [add]`,
  summary: 'Show the timeline (corrections from there), or add an entry for something outside Slack',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      const { client, command } = ctx.args;
      if (ctx.text.toLowerCase() === 'add') {
        return openModal(client, command.trigger_id, await addEntryForm(ctx.deps, client, incident, command.user_id));
      }
      if (ctx.text) return `Use \`${COMMAND} timeline\` to see it or \`${COMMAND} timeline add\` to add an entry, not "${escapeMrkdwn(ctx.text)}".`;
      return openModal(client, command.trigger_id, timelineView(incident, await timelineFor(ctx.deps.db, incident.id)));
    }),
};
