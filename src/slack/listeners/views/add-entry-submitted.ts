import { roomForEntryProblem } from '../../../timeline/entry-limits';
import { addManualEntry } from '../../../timeline/manual-entry';
import { MILESTONE_LABELS } from '../../../timeline/timeline-entry';
import { slackDate } from '../../../mrkdwn/date-token';
import { Field } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';
import { afterEntryChange, entryFormMetadata, milestoneOf, milestoneOrderErrors, readEntryForm, replyInIncidentChannel } from './timeline-entry-form';

/**
 * A hand-written entry: stored at the instant the person meant; a milestone also moves the
 * incident's time, and one that would put the milestones out of order goes back onto the form.
 */
export function addEntrySubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async (args, reply) => {
    const metadata = entryFormMetadata(args);
    if (!metadata) return args.ack();
    const values = args.view.state.values;
    const { text, occurredAt, errors } = readEntryForm(values, metadata.timeZone, deps.clock.now());
    if (!occurredAt || Object.keys(errors).length > 0) return args.ack({ response_action: 'errors', errors });
    const milestone = milestoneOf(values);
    // One set of services for the request: the channel's members are read from Slack once.
    const services = deps.services(args.client, args.context.botUserId);
    const incident = await replyInIncidentChannel(services, args, metadata, reply);
    const outOfOrder = milestoneOrderErrors(incident, milestone, occurredAt, metadata.timeZone);
    if (outOfOrder) return args.ack({ response_action: 'errors', errors: outOfOrder });
    const full = await roomForEntryProblem(deps.db, incident.id, text);
    if (full) return args.ack({ response_action: 'errors', errors: { [Field.entryText]: full.charAt(0).toUpperCase() + full.slice(1) } });
    await args.ack();
    await addManualEntry(services, metadata.incidentId, { text, occurredAt, milestone, actorId: args.body.user.id });
    const marked = milestone ? ` and marked *${MILESTONE_LABELS[milestone]}*` : '';
    await afterEntryChange(deps, args, metadata, `:memo: Added to the timeline at ${slackDate(occurredAt)}${marked}.`);
  };
}
