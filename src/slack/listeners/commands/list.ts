import { incidentsVisibleTo } from '../../../incidents/incidents-visible-to';
import { incidentList } from '../../blocks/incident-list';
import type { AnywhereSubcommand } from './subcommand';

/**
 * Open incidents: public ones, and private ones whose channel the person is in now. Answered in
 * the acknowledgement itself: the private incidents' member lists are read in parallel.
 */
export const list: AnywhereSubcommand = {
  name: 'list',
  scope: 'anywhere',
  async run({ args, services }) {
    const incidents = await incidentsVisibleTo(services.incidents, args.command.user_id);
    await args.ack({ response_type: 'ephemeral', ...incidentList(incidents) });
  },
};
