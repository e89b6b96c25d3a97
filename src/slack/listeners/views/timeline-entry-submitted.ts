import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { refreshIncident } from '../../../incidents/change-incident';
import { loadIncident } from '../../../incidents/incident-queries';
import { correctEntry, removeEntry } from '../../../timeline/correct-entry';
import { addManualEntry, validateEntry } from '../../../timeline/manual-entry';
import { MILESTONES, MILESTONE_LABELS, type Milestone } from '../../../timeline/timeline-entry';
import { instantFromLocal } from '../../../zoned-time';
import type { EntryModalMetadata } from '../../blocks/timeline-entry-modals';
import { slackDate } from '../../blocks/slack-date';
import { Field } from '../../ids';
import { type ViewValues, dateOf, metadataOf, selectedOf, textOf, timeOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { type ListenerDeps, incidentDeps, timelineDeps } from '../deps';
import { tellPrivately } from '../tell-privately';
import { refreshTimelineView } from '../timeline-modals';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Reads text, date and time (typed in the person's zone) and the field errors, if any. */
function readEntry(values: ViewValues, timeZone: string, now: Date) {
  const text = textOf(values, Field.entryText) ?? '';
  const date = dateOf(values, Field.entryDate);
  const time = timeOf(values, Field.entryTime);
  const occurredAt = date && time ? instantFromLocal(date, time, timeZone) : null;
  const problems = validateEntry({ text, occurredAt }, now);
  const errors: Record<string, string> = {};
  if (problems.text) errors[Field.entryText] = problems.text;
  if (problems.occurredAt) errors[Field.entryTime] = problems.occurredAt;
  return { text, occurredAt, errors };
}

/** After a change under an open timeline view, that view shows it; otherwise the person is told. */
async function afterChange(deps: ListenerDeps, args: Args, metadata: EntryModalMetadata, confirmation: string) {
  const incident = await loadIncident(deps.db, metadata.incidentId);
  if (metadata.timelineViewId) await refreshTimelineView(deps, args.client, metadata.timelineViewId, incident);
  else await tellPrivately(args.client, deps.logger, { user: args.body.user.id, channel: incident.channelId }, confirmation);
}

async function reportFailure(deps: ListenerDeps, args: Args, metadata: EntryModalMetadata, error: unknown) {
  const incident = await loadIncident(deps.db, metadata.incidentId).catch(() => undefined);
  const text = `:warning: ${describeError(error, deps.logger, { view: args.view.callback_id })}`;
  await tellPrivately(args.client, deps.logger, { user: args.body.user.id, channel: incident?.channelId }, text);
}

/** A hand-written entry: stored at the instant the person meant; a milestone also moves the incident's time. */
export function addEntrySubmitted(deps: ListenerDeps) {
  return async (args: Args): Promise<void> => {
    const metadata = metadataOf<EntryModalMetadata>(args.view.private_metadata) as EntryModalMetadata;
    const { text, occurredAt, errors } = readEntry(args.view.state.values, metadata.timeZone, deps.clock.now());
    if (Object.keys(errors).length > 0) {
      await args.ack({ response_action: 'errors', errors });
      return;
    }
    await args.ack();
    const picked = selectedOf(args.view.state.values, Field.milestone);
    const milestone = (MILESTONES as readonly string[]).includes(picked ?? '') ? (picked as Milestone) : null;
    try {
      await addManualEntry(deps, metadata.incidentId, { text, occurredAt, milestone, actorId: args.body.user.id });
      if (milestone) await refreshIncident(incidentDeps(deps, args.client, args.context.botUserId), metadata.incidentId);
      const marked = milestone ? ` and marked *${MILESTONE_LABELS[milestone]}*` : '';
      await afterChange(deps, args, metadata, `:memo: Added to the timeline at ${slackDate(occurredAt as Date)}${marked}.`);
    } catch (error) {
      await reportFailure(deps, args, metadata, error);
    }
  };
}

export function editEntrySubmitted(deps: ListenerDeps) {
  return async (args: Args): Promise<void> => {
    const metadata = metadataOf<EntryModalMetadata>(args.view.private_metadata) as EntryModalMetadata;
    const { text, occurredAt, errors } = readEntry(args.view.state.values, metadata.timeZone, deps.clock.now());
    if (Object.keys(errors).length > 0) {
      await args.ack({ response_action: 'errors', errors });
      return;
    }
    await args.ack();
    try {
      const timeline = timelineDeps(deps, args.client, args.context.botUserId);
      await correctEntry(timeline, metadata.entryId ?? '', { text, occurredAt }, args.body.user.id);
      await afterChange(deps, args, metadata, ':memo: Timeline entry corrected.');
    } catch (error) {
      await reportFailure(deps, args, metadata, error);
    }
  };
}

export function deleteEntrySubmitted(deps: ListenerDeps) {
  return async (args: Args): Promise<void> => {
    const metadata = metadataOf<EntryModalMetadata>(args.view.private_metadata) as EntryModalMetadata;
    await args.ack();
    try {
      await removeEntry(timelineDeps(deps, args.client, args.context.botUserId), metadata.entryId ?? '', args.body.user.id);
      await afterChange(deps, args, metadata, ':memo: Timeline entry deleted.');
    } catch (error) {
      await reportFailure(deps, args, metadata, error);
    }
  };
}
