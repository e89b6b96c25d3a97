import { addManualEntry } from '../../../timeline/manual-entry';
import { MILESTONES, MILESTONE_LABELS, type Milestone } from '../../../timeline/timeline-entry';
import { slackDate } from '../../../mrkdwn/date-token';
import { Field } from '../../ids';
import { selectedOf } from '../../parse/view-state';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';
import { afterEntryChange, entryFormMetadata, readEntryForm, replyInIncidentChannel } from './timeline-entry-form';

/** A hand-written entry: stored at the instant the person meant; a milestone also moves the incident's time. */
export function addEntrySubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async (args, reply) => {
    const metadata = entryFormMetadata(args);
    if (!metadata) return args.ack();
    const { text, occurredAt, errors } = readEntryForm(args.view.state.values, metadata.timeZone, deps.clock.now());
    if (!occurredAt || Object.keys(errors).length > 0) return args.ack({ response_action: 'errors', errors });
    await args.ack();
    await replyInIncidentChannel(deps, args, metadata, reply);
    const picked = selectedOf(args.view.state.values, Field.milestone);
    const milestone = (MILESTONES as readonly string[]).includes(picked ?? '') ? (picked as Milestone) : null;
    const services = deps.services(args.client, args.context.botUserId);
    await addManualEntry(services, metadata.incidentId, { text, occurredAt, milestone, actorId: args.body.user.id });
    const marked = milestone ? ` and marked *${MILESTONE_LABELS[milestone]}*` : '';
    await afterEntryChange(deps, args, metadata, `:memo: Added to the timeline at ${slackDate(occurredAt)}${marked}.`);
  };
}
