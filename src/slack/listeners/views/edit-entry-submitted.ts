import { correctEntry } from '../../../timeline/correct-entry';
import { timelineEntry } from '../../../timeline/timeline-queries';
import { localParts } from '../../../zoned-time';
import { slackTextFromTyped } from '../../parse/channel-message';
import { type ListenerDeps, timelineDeps } from '../deps';
import { type EntryFormArgs, afterEntryChange, entryFormMetadata, readEntryForm, reportEntryFailure } from './timeline-entry-form';

/**
 * A correction. The form shows minutes only, so an unchanged date and time keep the entry's
 * exact instant; a corrected message is stored in Slack's format like the messages around it.
 */
export function editEntrySubmitted(deps: ListenerDeps) {
  return async (args: EntryFormArgs): Promise<void> => {
    const metadata = entryFormMetadata(args);
    if (!metadata?.entryId) return void (await args.ack());
    const form = readEntryForm(args.view.state.values, metadata.timeZone, deps.clock.now());
    if (Object.keys(form.errors).length > 0) return void (await args.ack({ response_action: 'errors', errors: form.errors }));
    await args.ack();
    try {
      const entry = await timelineEntry(deps.db, metadata.entryId);
      const before = entry ? localParts(entry.occurredAt, metadata.timeZone) : null;
      const occurredAt = entry && before?.date === form.date && before?.time === form.time ? entry.occurredAt : form.occurredAt;
      const text = entry?.kind === 'message' ? slackTextFromTyped(form.text) : form.text;
      await correctEntry(timelineDeps(deps, args.client, args.context.botUserId), metadata.entryId, { text, occurredAt }, args.body.user.id);
      await afterEntryChange(deps, args, metadata, ':memo: Timeline entry corrected.');
    } catch (error) {
      await reportEntryFailure(deps, args, metadata, error);
    }
  };
}
