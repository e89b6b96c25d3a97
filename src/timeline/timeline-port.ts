import type { Incident } from '../incidents/incident';
import type { ChannelMessage } from './timeline-entry';

/** What the timeline needs from the chat workspace. The Slack adapter implements it. */
export interface TimelinePort {
  /**
   * The message as it is now, whether any person (not a bot) still marks it for the timeline
   * and who marked it first; null when the message no longer exists. Always read after the call
   * was made, never an answer from before it.
   */
  readMarkedMessage(channelId: string, ts: string): Promise<{ message: ChannelMessage; marked: boolean; markedBy: string | null } | null>;
  /**
   * Shows on the message that it is on the timeline. When the chat is too busy to mark each
   * message, many are acknowledged at once under the incident's card instead.
   */
  acknowledge(message: ChannelMessage, incident: Pick<Incident, 'cardTs'>): Promise<void>;
  /** Takes that sign away again. */
  withdrawAcknowledgement(channelId: string, ts: string): Promise<void>;
}
