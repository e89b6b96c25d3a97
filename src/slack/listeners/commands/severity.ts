import { changeSeverity } from '../../../incidents/change-incident';
import { SEVERITIES, parseSeverity } from '../../../incidents/severity';
import { severityModal } from '../../blocks/lifecycle-modals';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import { openModal } from '../../web-api/open-modal';
import type { IncidentSubcommand } from './subcommand';

export const severity: IncidentSubcommand = {
  name: 'severity',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    if (!ctx.text) return openModal(client, command.trigger_id, severityModal(incident));
    const next = parseSeverity(ctx.text);
    if (!next) return `"${escapeMrkdwn(ctx.text)}" is not a severity. Use one of: ${SEVERITIES.join(', ')} (SEV1 is the most severe).`;
    const result = await changeSeverity(ctx.services.incidents, incident.id, next, command.user_id);
    return result.changed ? undefined : `The severity is already ${next}.`;
  },
};
