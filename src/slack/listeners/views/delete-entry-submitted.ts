import { removeEntry } from '../../../timeline/correct-entry';
import { type ListenerDeps, timelineDeps } from '../deps';
import { type EntryFormArgs, afterEntryChange, entryFormMetadata, reportEntryFailure } from './timeline-entry-form';

export function deleteEntrySubmitted(deps: ListenerDeps) {
  return async (args: EntryFormArgs): Promise<void> => {
    const metadata = entryFormMetadata(args);
    await args.ack();
    if (!metadata?.entryId) return;
    try {
      await removeEntry(timelineDeps(deps, args.client, args.context.botUserId), metadata.entryId, args.body.user.id);
      await afterEntryChange(deps, args, metadata, ':memo: Timeline entry deleted.');
    } catch (error) {
      await reportEntryFailure(deps, args, metadata, error);
    }
  };
}
