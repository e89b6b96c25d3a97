import { localParts } from '../../../zoned-time';
import { actionItemModal } from '../../blocks/action-item-modal';
import { COMMAND } from '../../ids';
import { userTimeZone } from '../../web-api/user-time-zone';
import { openModal } from '../../web-api/open-modal';
import type { IncidentSubcommand } from './subcommand';

/** `/incident action add`: the same action-item form as in the post-mortem, on its own. */
export const action: IncidentSubcommand = {
  name: 'action',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    if (ctx.text.toLowerCase() !== 'add') return `Use \`${COMMAND} action add\` to add an action item, or \`${COMMAND} actions\` to list them.`;
    const today = localParts(ctx.deps.clock.now(), await userTimeZone(client, command.user_id, ctx.deps.config.reminders.defaultTimeZone)).date;
    await openModal(client, command.trigger_id, actionItemModal({ incidentId: incident.id, today }));
  },
};
