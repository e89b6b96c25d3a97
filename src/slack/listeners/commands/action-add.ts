import { actionItemModal } from '../../blocks/action-item-modal';
import { COMMAND } from '../../ids';
import { openModal } from '../../web-api/open-modal';
import { personDay } from '../../surfaces/person-day';
import type { IncidentSubcommand } from './subcommand';

/** `/incident action add`: the same action-item form as in the post-mortem, on its own. */
export const actionAdd: IncidentSubcommand = {
  name: 'action',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    if (ctx.text.toLowerCase() !== 'add') return `Use \`${COMMAND} action add\` to add an action item, or \`${COMMAND} actions\` to list them.`;
    const { today } = await personDay(ctx.deps, client, command.user_id);
    await openModal(client, command.trigger_id, actionItemModal({ incidentId: incident.id, today }, undefined, ctx.deps.config.verification.afterDays));
  },
};
