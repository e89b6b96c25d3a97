import type { Incident } from '../../../incidents/incident';
import { loadIncident } from '../../../incidents/incident-queries';
import { incidentForMember } from '../../../incidents/require-member';
import { milestoneConflict, milestoneOrderProblem, validateEntry } from '../../../timeline/manual-entry';
import { MILESTONES, type Milestone } from '../../../timeline/timeline-entry';
import { instantFromLocal, localParts } from '../../../zoned-time';
import type { EntryModalMetadata } from '../../blocks/timeline-entry-modals';
import type { FailureReply } from '../../errors/failure-reply';
import { Field } from '../../ids';
import { type ViewValues, dateOf, metadataOf, selectedOf, textOf, timeOf } from '../../parse/view-state';
import { refreshTimelineView } from '../../surfaces/timeline-surfaces';
import { tellPrivately } from '../../web-api/tell-privately';
import type { ListenerDeps, Services } from '../listener-deps';
import type { ViewArgs } from '../route-by-id';

/** The entry form's metadata, or null when it is not one of ours. */
export function entryFormMetadata(args: ViewArgs): EntryModalMetadata | null {
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

/** The milestone the entry marks, if any. */
export function milestoneOf(values: ViewValues): Milestone | null {
  const picked = selectedOf(values, Field.milestone);
  return (MILESTONES as readonly string[]).includes(picked ?? '') ? (picked as Milestone) : null;
}

/** The form's error when marking `milestone` at `at` would put the incident's milestones out of order; null otherwise. */
export function milestoneOrderErrors(incident: Incident, milestone: Milestone | null, at: Date, timeZone: string): Record<string, string> | null {
  const conflict = milestone ? milestoneConflict(incident, milestone, at) : null;
  if (!milestone || !conflict) return null;
  const local = localParts(conflict.at, timeZone);
  return { [Field.milestone]: milestoneOrderProblem(milestone, conflict, `${local.date} ${local.time} (${timeZone})`) };
}

/** Failures of an entry form are told in the incident's channel, where the person is working. */
export async function replyInIncidentChannel(services: Services, args: ViewArgs, metadata: EntryModalMetadata, reply: FailureReply) {
  const incident = await incidentForMember(services.incidents, metadata.incidentId, args.body.user.id, 'change its timeline');
  reply.inChannel(incident.channelId);
  return incident;
}

/**
 * After a change under an open timeline view, the view shows it; otherwise the person is told.
 * Their membership was checked by the change in this same request.
 */
export async function afterEntryChange(deps: ListenerDeps, args: ViewArgs, metadata: EntryModalMetadata, confirmation: string) {
  const incident = await loadIncident(deps.db, metadata.incidentId);
  if (metadata.timelineViewId) await refreshTimelineView(deps, args.client, metadata.timelineViewId, incident);
  else await tellPrivately(args.client, deps.logger, { user: args.body.user.id, channel: incident.channelId }, confirmation);
}
