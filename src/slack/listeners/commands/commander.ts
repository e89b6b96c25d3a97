import { assignCommander } from '../../../incidents/change-incident';
import { commanderModal } from '../../blocks/lifecycle-modals';
import { COMMAND } from '../../ids';
import { mentionedUser } from '../../parse/command-text';
import { openModal } from '../../web-api/open-modal';
import type { IncidentSubcommand } from './subcommand';

export const commander: IncidentSubcommand = {
  name: 'commander',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    if (!ctx.text) return openModal(client, command.trigger_id, commanderModal(incident));
    const user = mentionedUser(ctx.text);
    if (!user) return `Mention the new commander, e.g. \`${COMMAND} commander @alice\`.`;
    const result = await assignCommander(ctx.services.incidents, incident.id, user, command.user_id);
    return result.changed ? undefined : `<@${user}> is already the incident commander.`;
  },
};
