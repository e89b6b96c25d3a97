import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Incident } from '../incidents/incident';
import { incidentForChannel } from '../incidents/incident-queries';
import type { TimelineDeps } from './timeline-deps';
import type { ChannelMessage } from './timeline-entry';
import { deleteMessageEntries, insertMessageEntry, updateMessageEntries } from './timeline.repository';

export type SyncOutcome = 'not_an_incident' | 'added' | 'kept' | 'removed' | 'absent';

/**
 * Brings the timeline in line with a message's marks as they are now. Called for every mark
 * added or removed, it reads the current state instead of trusting the event, so events that
 * arrive twice or out of order still leave exactly one entry while anyone marks the message
 * and none once nobody does.
 */
export async function syncMarkedMessage(deps: TimelineDeps, channelId: string, ts: string): Promise<SyncOutcome> {
  const incident = await incidentForChannel(deps.db, channelId);
  if (!incident?.setupCompletedAt) return 'not_an_incident';
  const current = await deps.port.readMarkedMessage(channelId, ts);
  if (current && !current.message.byBot && current.marked) {
    const added = await addMessage(deps.db, incident, current.message, current.markedBy, deps.clock.now());
    if (!added) {
      await updateMessageEntries(deps.db, { channelId, ts }, current.message);
      return 'kept';
    }
    await deps.port.acknowledge(channelId, ts);
    deps.logger.info({ incidentId: incident.id, ts }, 'message added to the timeline');
    return 'added';
  }
  const removed = await deleteMessageEntries(deps.db, { channelId, ts }, incident.id);
  if (removed === 0) return 'absent';
  if (current) await deps.port.withdrawAcknowledgement(channelId, ts);
  deps.logger.info({ incidentId: incident.id, ts }, 'message removed from the timeline');
  return 'removed';
}

/** Adds a message to an incident's timeline at the message's own time; false if already there. */
export function addMessage(db: Kysely<Database>, incident: Incident, message: ChannelMessage, capturedBy: string | null, now: Date) {
  return insertMessageEntry(
    db,
    {
      incidentId: incident.id,
      occurredAt: message.postedAt,
      actorId: capturedBy,
      authorId: message.authorId,
      text: message.text,
      sourceChannelId: message.channelId,
      sourceTs: message.ts,
      permalink: message.permalink,
      filesNote: message.filesNote,
    },
    now,
  );
}

/** A captured message was edited: its entries follow. */
export function messageEdited(db: Kysely<Database>, message: Pick<ChannelMessage, 'channelId' | 'ts' | 'text' | 'filesNote'>) {
  return updateMessageEntries(db, { channelId: message.channelId, ts: message.ts }, message);
}

/** A captured message was deleted: so are its entries. */
export function messageDeleted(db: Kysely<Database>, channelId: string, ts: string) {
  return deleteMessageEntries(db, { channelId, ts });
}
