import { refreshIncident } from '../../../incidents/change-incident';
import { addManualEntry } from '../../../timeline/manual-entry';
import { MILESTONES, MILESTONE_LABELS, type Milestone } from '../../../timeline/timeline-entry';
import { slackDate } from '../../blocks/slack-date';
import { Field } from '../../ids';
import { selectedOf } from '../../parse/view-state';
import { type ListenerDeps, incidentDeps, timelineDeps } from '../deps';
import { type EntryFormArgs, afterEntryChange, entryFormMetadata, readEntryForm, reportEntryFailure } from './timeline-entry-form';

/** A hand-written entry: stored at the instant the person meant; a milestone also moves the incident's time. */
export function addEntrySubmitted(deps: ListenerDeps) {
  return async (args: EntryFormArgs): Promise<void> => {
    const metadata = entryFormMetadata(args);
    if (!metadata) return void (await args.ack());
    const { text, occurredAt, errors } = readEntryForm(args.view.state.values, metadata.timeZone, deps.clock.now());
    if (Object.keys(errors).length > 0) return void (await args.ack({ response_action: 'errors', errors }));
    await args.ack();
    const picked = selectedOf(args.view.state.values, Field.milestone);
    const milestone = (MILESTONES as readonly string[]).includes(picked ?? '') ? (picked as Milestone) : null;
    try {
      const timeline = timelineDeps(deps, args.client, args.context.botUserId);
      await addManualEntry(timeline, metadata.incidentId, { text, occurredAt, milestone, actorId: args.body.user.id });
      if (milestone) await refreshIncident(incidentDeps(deps, args.client, args.context.botUserId), metadata.incidentId);
      const marked = milestone ? ` and marked *${MILESTONE_LABELS[milestone]}*` : '';
      await afterEntryChange(deps, args, metadata, `:memo: Added to the timeline at ${slackDate(occurredAt as Date)}${marked}.`);
    } catch (error) {
      await reportEntryFailure(deps, args, metadata, error);
    }
  };
}
