import { changeSeverity } from '../../../incidents/change-incident';
import { SEVERITIES, parseSeverity } from '../../../incidents/severity';
import { severityModal } from '../../blocks/lifecycle-modals';
import { escapeMrkdwn } from '../../blocks/mrkdwn';
import { COMMAND } from '../../ids';
import { openModal } from '../open-modal';
import { type IncidentSubcommand, ackThen, serviceFor } from './subcommand';

export const severity: IncidentSubcommand = {
  name: 'severity',
  scope: 'incident',
  usage: `${COMMAND} severity [SEV1..SEV4]`,
  summary: 'Change the severity (SEV1 is the most severe)',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      const { client, command } = ctx.args;
      if (!ctx.text) return openModal(client, command.trigger_id, severityModal(incident));
      const next = parseSeverity(ctx.text);
      if (!next) return `"${escapeMrkdwn(ctx.text)}" is not a severity. Use one of: ${SEVERITIES.join(', ')} (SEV1 is the most severe).`;
      const result = await changeSeverity(serviceFor(ctx), incident.id, next, command.user_id);
      return result.changed ? undefined : `The severity is already ${next}.`;
    }),
};
