import { accountForm } from '../../surfaces/account-form';
import { openModalInTime } from '../../web-api/open-modal';
import type { IncidentSubcommand } from './subcommand';

/** `/incident account`: my own account of this channel's incident, to write or change. */
export const account: IncidentSubcommand = {
  name: 'account',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    await openModalInTime(client, command.trigger_id, { title: 'Your account', time: ctx.deps.slackTime, reply: ctx.reply }, () =>
      accountForm(ctx.deps, ctx.services, incident.id, command.user_id),
    );
  },
};
