import { actionItemsFor } from '../../../action-items/action-item-service';
import { myWork } from '../../../home/my-work';
import { incidentForChannel } from '../../../incidents/incident-queries';
import { localParts } from '../../../zoned-time';
import { actionItemList } from '../../blocks/action-item-list';
import { userTimeZone } from '../../web-api/user-time-zone';
import type { AnywhereSubcommand } from './subcommand';

/** `/incident actions`: my open items; inside an incident channel, that incident's items and their states. */
export const actions: AnywhereSubcommand = {
  name: 'actions',
  scope: 'anywhere',
  async run(ctx) {
    const { client, command } = ctx.args;
    const timeZone = await userTimeZone(client, command.user_id, ctx.deps.config.reminders.defaultTimeZone);
    const today = localParts(ctx.deps.clock.now(), timeZone).date;
    const incident = await incidentForChannel(ctx.deps.db, command.channel_id);
    const message = incident
      ? actionItemList(`Action items of ${incident.title}`, (await actionItemsFor(ctx.deps.db, incident.id)).map((item) => ({ item, incident })), today)
      : actionItemList('Your open action items', (await myWork(ctx.services.incidents, command.user_id, today)).items, today);
    await ctx.args.respond({ response_type: 'ephemeral', ...message });
  },
};

