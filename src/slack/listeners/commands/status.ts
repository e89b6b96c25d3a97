import { changeStatus } from '../../../incidents/change-incident';
import { STATUSES, STATUS_LABELS, parseStatus } from '../../../incidents/status';
import { resolveModal, statusModal } from '../../blocks/lifecycle-modals';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import { openModal } from '../../web-api/open-modal';
import type { IncidentSubcommand } from './subcommand';

export const status: IncidentSubcommand = {
  name: 'status',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    if (!ctx.text) return openModal(client, command.trigger_id, statusModal(incident));
    const next = parseStatus(ctx.text);
    if (!next) return `"${escapeMrkdwn(ctx.text)}" is not a status. Use one of: ${STATUSES.join(', ')}.`;
    if (next === 'resolved') return openModal(client, command.trigger_id, resolveModal(incident));
    const result = await changeStatus(ctx.services.incidents, incident.id, next, command.user_id);
    return result.changed ? undefined : `The status is already ${STATUS_LABELS[next]}.`;
  },
};
