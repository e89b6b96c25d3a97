import type { SystemEntry } from '../timeline/timeline-entry';
import type { Incident } from './incident';
import type { CardContext } from './card-context';

/**
 * What the incident service needs from the chat workspace, in its own words. The Slack
 * adapter implements it; the domain never sees a Slack type. Methods throw an `AppError`
 * whose code says what the workspace refused.
 */
export interface IncidentPort {
  /** Creates the incident channel; `name_taken` instead of throwing when the name is in use. */
  createChannel(name: string, isPrivate: boolean): Promise<{ id: string; name: string } | 'name_taken'>;
  inviteMembers(channelId: string, userIds: string[]): Promise<void>;
  /** Shows severity, status and title in the channel topic; asked after every change, it skips a topic already shown. */
  setTopic(incident: Incident): Promise<void>;
  /** Posts the incident card and returns its message ts. */
  postCard(incident: Incident, context: CardContext): Promise<string>;
  /** The card's ts if an earlier, interrupted set-up already posted it. */
  findCard(incident: Incident): Promise<string | undefined>;
  pinCard(incident: Incident): Promise<void>;
  updateCard(incident: Incident, context: CardContext): Promise<void>;
  /** Announces in the incidents channel; null when none is configured. Never called for private incidents. */
  announce(incident: Incident): Promise<{ channelId: string; ts: string } | null>;
  /** The announcement if an earlier, interrupted set-up already posted it. */
  findAnnouncement(incident: Incident): Promise<{ channelId: string; ts: string } | undefined>;
  updateAnnouncement(incident: Incident): Promise<void>;
  /** Tells the incident channel, in one line, who changed what. */
  postNotice(incident: Incident, entry: SystemEntry): Promise<void>;
}
