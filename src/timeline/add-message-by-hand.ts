import { AppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import type { TimelineDeps } from './timeline-deps';
import type { ChannelMessage } from './timeline-entry';
import { insertMessageEntry } from './timeline.repository';
import { requireMember } from '../incidents/require-member';
import { requireRoomForEntry } from './entry-limits';

/**
 * A person adds a message to an incident's timeline (the message shortcut), at the message's own
 * time. Members of the incident channel only; never a bot's message. False if already there.
 */
export async function addMessageByHand(deps: TimelineDeps, incidentId: string, message: ChannelMessage, userId: string): Promise<boolean> {
  if (message.byBot) throw new AppError('bot_message', 'messages from bots and apps are not added to timelines.');
  const incident = await loadIncident(deps.db, incidentId);
  if (!incident.setupCompletedAt) throw new AppError('incident_not_ready', 'that incident is still being set up. Try again in a moment.');
  await requireMember(deps.members, incident, userId, 'change its timeline');
  await requireRoomForEntry(deps.db, incidentId, message.text);
  const added = await insertMessageEntry(
    deps.db,
    {
      incidentId,
      occurredAt: message.postedAt,
      actorId: userId,
      authorId: message.authorId,
      text: message.text,
      sourceChannelId: message.channelId,
      sourceTs: message.ts,
      permalink: message.permalink,
      filesNote: message.filesNote,
      capturedVia: 'shortcut',
    },
    deps.clock.now(),
  );
  if (added && message.channelId === incident.channelId) await deps.port.acknowledge(message, incident);
  return added;
}
