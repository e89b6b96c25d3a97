import { AppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import type { TimelineDeps } from './timeline-deps';
import type { TimelineEntry } from './timeline-entry';
import { toTimelineEntry } from './timeline-mapper';
import { correctTimelineRow, deleteTimelineRow, findTimelineRow } from './timeline.repository';
import { validateEntry } from './manual-entry';

/**
 * The entry a person may correct: captured and hand-written entries, by members of the
 * incident channel. System entries record what the bot itself saw and stay as they are.
 */
async function correctableEntry(deps: TimelineDeps, entryId: string, userId: string): Promise<TimelineEntry> {
  const row = await findTimelineRow(deps.db, entryId);
  if (!row) throw new AppError('entry_not_found', 'that timeline entry no longer exists.');
  const entry = toTimelineEntry(row);
  if (entry.kind === 'system') throw new AppError('entry_not_editable', 'entries the bot recorded for changes cannot be edited.');
  const incident = await loadIncident(deps.db, entry.incidentId);
  if (!incident.channelId || !(await deps.port.isMember(incident.channelId, userId))) {
    throw new AppError('not_a_member', "only members of the incident's channel can change its timeline.");
  }
  return entry;
}

export async function correctEntry(
  deps: TimelineDeps,
  entryId: string,
  change: { text: string; occurredAt: Date | null },
  userId: string,
): Promise<void> {
  await correctableEntry(deps, entryId, userId);
  const problems = validateEntry(change, deps.clock.now());
  const first = Object.values(problems)[0];
  if (first) throw new AppError('invalid_entry', first);
  await correctTimelineRow(deps.db, entryId, {
    text: change.text.trim(),
    occurredAt: change.occurredAt as Date,
    editedBy: userId,
    editedAt: deps.clock.now(),
  });
}

export async function removeEntry(deps: TimelineDeps, entryId: string, userId: string): Promise<void> {
  const entry = await correctableEntry(deps, entryId, userId);
  await deleteTimelineRow(deps.db, entryId);
  if (entry.kind === 'message') {
    await deps.port.withdrawAcknowledgement(entry.source.channelId, entry.source.ts).catch(() => undefined);
  }
}
