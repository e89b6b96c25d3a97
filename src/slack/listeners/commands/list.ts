import { openIncidentsVisibleTo } from '../../../incidents/incident-queries';
import { incidentList } from '../../blocks/incident-list';
import { COMMAND } from '../../ids';
import type { AnywhereSubcommand } from './subcommand';

export const list: AnywhereSubcommand = {
  name: 'list',
  scope: 'anywhere',
  usage: `${COMMAND} list`,
  summary: 'Show open incidents (only you see the answer)',
  async run({ args, deps }) {
    const incidents = await openIncidentsVisibleTo(deps.db, args.command.user_id);
    await args.ack({ response_type: 'ephemeral', ...incidentList(incidents) });
  },
};
