import { actionItemsFor } from '../../../action-items/action-item-service';
import { myWork } from '../../../home/my-work';
import { incidentForChannel } from '../../../incidents/incident-queries';
import { requireMember } from '../../../incidents/require-member';
import { actionItemList } from '../../blocks/action-item-list';
import { personDay } from '../../surfaces/person-day';
import type { AnywhereSubcommand } from './subcommand';

/** `/incident actions`: my open items; inside an incident channel, that incident's items and their states. */
export const actionsList: AnywhereSubcommand = {
  name: 'actions',
  scope: 'anywhere',
  async run(ctx) {
    const { client, command } = ctx.args;
    await ctx.args.ack();
    const { today } = await personDay(ctx.deps, client, command.user_id);
    const found = await incidentForChannel(ctx.deps.db, command.channel_id);
    // In an incident channel the list is that incident's: for its members only, like every read.
    const incident = found && (await requireMember(ctx.services.members, found, command.user_id));
    const message = incident
      ? actionItemList(`Action items of ${incident.title}`, (await actionItemsFor(ctx.deps.db, incident.id)).map((item) => ({ item, incident })), today)
      : actionItemList('Your open action items', (await myWork(ctx.services.incidents, command.user_id, today)).items, today);
    await ctx.args.respond({ response_type: 'ephemeral', ...message });
  },
};

