import { correctEntry } from '../../../timeline/correct-entry';
import { timelineEntry } from '../../../timeline/timeline-queries';
import { localParts } from '../../../zoned-time';
import { slackTextFromTyped } from '../../parse/channel-message';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';
import { afterEntryChange, entryFormMetadata, readEntryForm, replyInIncidentChannel } from './timeline-entry-form';

/**
 * A correction. The form shows minutes only, so an unchanged date and time keep the entry's
 * exact instant; a corrected message is stored in Slack's format like the messages around it.
 */
export function editEntrySubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async (args, reply) => {
    const metadata = entryFormMetadata(args);
    if (!metadata?.entryId) return args.ack();
    const form = readEntryForm(args.view.state.values, metadata.timeZone, deps.clock.now());
    if (Object.keys(form.errors).length > 0) return args.ack({ response_action: 'errors', errors: form.errors });
    await args.ack();
    const services = deps.services(args.client, args.context.botUserId);
    await replyInIncidentChannel(services, args, metadata, reply);
    const entry = await timelineEntry(deps.db, metadata.entryId);
    const before = entry ? localParts(entry.occurredAt, metadata.timeZone) : null;
    const occurredAt = entry && before?.date === form.date && before?.time === form.time ? entry.occurredAt : form.occurredAt;
    const text = entry?.kind === 'message' ? slackTextFromTyped(form.text) : form.text;
    await correctEntry(services.timeline, metadata.entryId, { text, occurredAt }, args.body.user.id);
    await afterEntryChange(deps, args, metadata, ':memo: Timeline entry corrected.');
  };
}
