import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { loadIncident } from '../../../incidents/incident-queries';
import { validateEntry } from '../../../timeline/manual-entry';
import { instantFromLocal } from '../../../zoned-time';
import type { EntryModalMetadata } from '../../blocks/timeline-entry-modals';
import { Field } from '../../ids';
import { type ViewValues, dateOf, metadataOf, textOf, timeOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { tellPrivately } from '../../tell-privately';
import { refreshTimelineView } from '../../timeline-modals';
import type { ListenerDeps } from '../deps';

export type EntryFormArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The entry form's metadata, or null when it is not one of ours. */
export function entryFormMetadata(args: EntryFormArgs): EntryModalMetadata | null {
  const metadata = metadataOf<EntryModalMetadata>(args.view.private_metadata);
  return metadata.incidentId && metadata.timeZone ? { ...metadata, incidentId: metadata.incidentId, timeZone: metadata.timeZone } : null;
}

/** Text, and the instant meant by the date and time typed in the person's zone, with field errors. */
export function readEntryForm(values: ViewValues, timeZone: string, now: Date) {
  const text = textOf(values, Field.entryText) ?? '';
  const date = dateOf(values, Field.entryDate);
  const time = timeOf(values, Field.entryTime);
  const occurredAt = date && time ? instantFromLocal(date, time, timeZone) : null;
  const problems = validateEntry({ text, occurredAt }, now);
  const errors: Record<string, string> = {};
  if (problems.text) errors[Field.entryText] = problems.text;
  if (problems.occurredAt) errors[Field.entryTime] = problems.occurredAt;
  return { text, date, time, occurredAt, errors };
}

/** After a change under an open timeline view, the view shows it; otherwise the person is told. */
export async function afterEntryChange(deps: ListenerDeps, args: EntryFormArgs, metadata: EntryModalMetadata, confirmation: string) {
  const incident = await loadIncident(deps.db, metadata.incidentId);
  if (metadata.timelineViewId) await refreshTimelineView(deps, args.client, metadata.timelineViewId, incident);
  else await tellPrivately(args.client, deps.logger, { user: args.body.user.id, channel: incident.channelId }, confirmation);
}

export async function reportEntryFailure(deps: ListenerDeps, args: EntryFormArgs, metadata: EntryModalMetadata, error: unknown) {
  const incident = await loadIncident(deps.db, metadata.incidentId).catch(() => undefined);
  const text = `:warning: ${describeError(error, deps.logger, { view: args.view.callback_id })}`;
  await tellPrivately(args.client, deps.logger, { user: args.body.user.id, channel: incident?.channelId }, text);
}
