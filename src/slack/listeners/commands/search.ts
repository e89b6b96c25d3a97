import { searchIncidents } from '../../../search/search-incidents';
import { searchResults } from '../../blocks/search-results';
import { typedText } from '../../parse/command-text';
import type { AnywhereSubcommand } from './subcommand';

/**
 * `/incident search <words>`: past and present incidents by their words, best first, only those
 * the person may see. Acknowledged first: private incidents' member lists are read from Slack.
 */
export const search: AnywhereSubcommand = {
  name: 'search',
  scope: 'anywhere',
  async run({ args, text, deps, services }) {
    const query = typedText(text);
    await args.ack();
    const outcome = await searchIncidents({ db: deps.db, members: services.members }, args.command.user_id, query);
    await args.respond({ response_type: 'ephemeral', ...searchResults(query, outcome) });
  },
};
