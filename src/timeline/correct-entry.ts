import { AppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import { validEntry } from './manual-entry';
import { requireMember } from '../incidents/require-member';
import type { TimelineDeps } from './timeline-deps';
import type { TimelineEntry } from './timeline-entry';
import { timelineEntry } from './timeline-queries';
import { correctTimelineRow, deleteTimelineRow, dismissTimelineRow } from './timeline.repository';

/**
 * The entry a person may correct: captured and hand-written entries, by members of the
 * incident channel. System entries record what the bot itself saw and stay as they are.
 */
async function correctableEntry(deps: TimelineDeps, entryId: string, userId: string): Promise<TimelineEntry> {
  const entry = await timelineEntry(deps.db, entryId);
  if (!entry) throw new AppError('entry_not_found', 'that timeline entry no longer exists.');
  if (entry.kind === 'system') throw new AppError('entry_not_editable', 'entries the bot recorded for changes cannot be edited.');
  await requireMember(deps.members, await loadIncident(deps.db, entry.incidentId), userId, 'change its timeline');
  return entry;
}

/** Corrects an entry's text and time; a message's later edits no longer overwrite the correction. */
export async function correctEntry(
  deps: TimelineDeps,
  entryId: string,
  change: { text: string; occurredAt: Date | null },
  userId: string,
): Promise<void> {
  await correctableEntry(deps, entryId, userId);
  const { text, occurredAt } = validEntry(change, deps.clock.now());
  await correctTimelineRow(deps.db, entryId, { text, occurredAt, editedBy: userId, editedAt: deps.clock.now() });
}

/**
 * Removes an entry. A captured message is only hidden, so that someone reacting to it again
 * does not bring back what a person chose to remove.
 */
export async function removeEntry(deps: TimelineDeps, entryId: string, userId: string): Promise<void> {
  const entry = await correctableEntry(deps, entryId, userId);
  if (entry.kind !== 'message') {
    await deleteTimelineRow(deps.db, entryId);
    return;
  }
  await dismissTimelineRow(deps.db, entryId, deps.clock.now());
  try {
    await deps.port.withdrawAcknowledgement(entry.source.channelId, entry.source.ts);
  } catch (err) {
    deps.logger.warn({ err, entryId }, 'could not take the acknowledgement off the message');
  }
}
