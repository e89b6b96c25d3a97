import { COMMAND } from '../../ids';
import { postmortemForm } from '../../postmortem-form';
import { openModal } from '../open-modal';
import { type IncidentSubcommand, ackThen } from './subcommand';

export const postmortem: IncidentSubcommand = {
  name: 'postmortem',
  scope: 'incident',
  usage: `${COMMAND} postmortem`,
  summary: 'Write the blameless post-mortem together, review it and publish it',
  run: (ctx, incident) =>
    ackThen(ctx, async () => {
      await openModal(ctx.args.client, ctx.args.command.trigger_id, await postmortemForm(ctx.deps, incident));
    }),
};
