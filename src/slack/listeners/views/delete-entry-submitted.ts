import { removeEntry } from '../../../timeline/correct-entry';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';
import { afterEntryChange, entryFormMetadata, replyInIncidentChannel } from './timeline-entry-form';

export function deleteEntrySubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async (args, reply) => {
    const metadata = entryFormMetadata(args);
    await args.ack();
    if (!metadata?.entryId) return;
    const services = deps.services(args.client, args.context.botUserId);
    await replyInIncidentChannel(services, args, metadata, reply);
    await removeEntry(services.timeline, metadata.entryId, args.body.user.id);
    await afterEntryChange(deps, args, metadata, ':memo: Timeline entry deleted.');
  };
}
