import { isAppError } from '../errors';
import { incidentForChannel } from '../incidents/incident-queries';
import { requireRoomForEntry } from './entry-limits';
import { countMarkRemoval, markRemovalsOf } from './mark-removals.repository';
import type { TimelineDeps } from './timeline-deps';
import { deleteReactionCapture, insertMessageEntry } from './timeline.repository';

/** What happened to a message's timeline mark: someone put it on, or took it off. */
export type MarkChange = 'added' | 'removed';

/**
 * Brings an incident channel's timeline in line with a message's marks as they are now. Called
 * for every mark added or removed, it reads the current state instead of trusting the event, so
 * events that arrive twice or out of order still leave exactly one entry while anyone marks the
 * message and none once nobody does.
 *
 * A removal handled while an add is in flight (here or in another process) could leave an entry
 * nobody marks. Each removal is counted before the chat is read; a capture notes the count
 * before its read and looks again once its entry is stored. Either the count moved, and the
 * capture reads the chat again, or the removal's own read and deletion came after the entry was
 * stored. So the second read costs nothing in the common case.
 *
 * A timeline that is full takes no more captures. A reaction has nobody waiting for an answer, so
 * the refusal is logged at warn and the message is not acknowledged, which is how people see a capture.
 */
export async function syncMarkedMessage(deps: TimelineDeps, channelId: string, ts: string, change: MarkChange): Promise<void> {
  const incident = await incidentForChannel(deps.db, channelId);
  if (!incident?.setupCompletedAt) return;
  if (change === 'removed') await countMarkRemoval(deps.db, channelId, ts, deps.clock.now());
  const removals = await markRemovalsOf(deps.db, channelId, ts);
  const source = { channelId, ts };
  const current = await deps.port.readMarkedMessage(channelId, ts);
  if (current && !current.message.byBot && current.marked) {
    const { message } = current;
    if (!(await hasRoom(deps, incident.id, message.text, ts))) return;
    const added = await insertMessageEntry(
      deps.db,
      {
        incidentId: incident.id,
        occurredAt: message.postedAt,
        actorId: current.markedBy,
        authorId: message.authorId,
        text: message.text,
        sourceChannelId: channelId,
        sourceTs: ts,
        permalink: message.permalink,
        filesNote: message.filesNote,
        capturedVia: 'reaction',
      },
      deps.clock.now(),
    );
    if (!added) return;
    const stillMarked = (await markRemovalsOf(deps.db, channelId, ts)) === removals || (await deps.port.readMarkedMessage(channelId, ts))?.marked;
    if (stillMarked) {
      await deps.port.acknowledge(message, incident);
      deps.logger.info({ incidentId: incident.id, ts }, 'message added to the timeline');
      return;
    }
    // Unmarked while it was being added: taken back before anyone was told it was added.
    await deleteReactionCapture(deps.db, incident.id, source);
    deps.logger.info({ incidentId: incident.id, ts }, 'mark removed while adding: message not added to the timeline');
    return;
  }
  if ((await deleteReactionCapture(deps.db, incident.id, source)) === 0) return;
  if (current) await deps.port.withdrawAcknowledgement(channelId, ts);
  deps.logger.info({ incidentId: incident.id, ts }, 'message removed from the timeline');
}

async function hasRoom(deps: TimelineDeps, incidentId: string, text: string, ts: string): Promise<boolean> {
  try {
    await requireRoomForEntry(deps.db, incidentId, text);
    return true;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'too_many_entries') throw error;
    deps.logger.warn({ incidentId, ts, code: error.code }, 'timeline full: marked message not added');
    return false;
  }
}
