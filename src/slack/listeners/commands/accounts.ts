import { accountsOf } from '../../../accounts/account-queries';
import { requestAccounts } from '../../../accounts/request-accounts';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import { accountsProgressText, accountsRequestedText } from '../../blocks/account-replies';
import { COMMAND } from '../../ids';
import type { IncidentSubcommand } from './subcommand';

/** `/incident accounts`: who has written their own account; `/incident accounts request` asks everyone who took part. */
export const accounts: IncidentSubcommand = {
  name: 'accounts',
  scope: 'incident',
  async run(ctx, incident) {
    const text = ctx.text.toLowerCase();
    if (text === 'request') return accountsRequestedText(await requestAccounts(ctx.services.accounts, incident.id, ctx.args.command.user_id));
    if (text) return `Use \`${COMMAND} accounts\` to see who has answered or \`${COMMAND} accounts request\` to ask everyone who took part, not "${escapeMrkdwn(ctx.text)}".`;
    return accountsProgressText(await accountsOf(ctx.deps.db, incident.id));
  },
};
