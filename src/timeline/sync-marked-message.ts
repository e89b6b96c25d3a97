import { isAppError } from '../errors';
import { incidentForChannel } from '../incidents/incident-queries';
import { requireRoomForEntry } from './entry-limits';
import type { TimelineDeps } from './timeline-deps';
import { deleteReactionCapture, insertMessageEntry } from './timeline.repository';

/**
 * Brings an incident channel's timeline in line with a message's marks as they are now. Called
 * for every mark added or removed, it reads the current state instead of trusting the event, so
 * events that arrive twice or out of order still leave exactly one entry while anyone marks the
 * message and none once nobody does. After adding, it reads once more: a removal handled while
 * this add was in flight would otherwise leave an entry nobody marks.
 *
 * A timeline that is full takes no more captures. A reaction has nobody waiting for an answer, so
 * the refusal is logged at warn and the message gets no :memo:, which is how people see a capture.
 */
export async function syncMarkedMessage(deps: TimelineDeps, channelId: string, ts: string): Promise<void> {
  const incident = await incidentForChannel(deps.db, channelId);
  if (!incident?.setupCompletedAt) return;
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
    await deps.port.acknowledge(channelId, ts);
    deps.logger.info({ incidentId: incident.id, ts }, 'message added to the timeline');
    const after = await deps.port.readMarkedMessage(channelId, ts);
    if (after?.marked) return;
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
