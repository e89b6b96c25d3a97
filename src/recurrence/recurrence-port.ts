import type { ReadyIncident } from '../incidents/incident';
import type { SimilarIncident } from './past-incident';

/** What recurrence needs from the chat workspace. The Slack adapter implements it. */
export interface RecurrencePort {
  /** Posts the similar past incidents in the incident's channel, marked as this incident's; returns the message's ts. */
  postSimilar(incident: ReadyIncident, similar: SimilarIncident[]): Promise<string>;
  /** Shows the current list in the message already posted. */
  updateSimilar(incident: ReadyIncident, ts: string, similar: SimilarIncident[]): Promise<void>;
  /** The message a post whose answer was lost left in the channel, found by its marker. */
  findSimilar(incident: ReadyIncident): Promise<string | undefined>;
  /** A link to a message, or null when the chat cannot give one. */
  permalink(channelId: string, ts: string): Promise<string | null>;
}
