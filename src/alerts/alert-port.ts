import type { ReadyIncident } from '../incidents/incident';
import type { AlertGroupView } from './alert-group';
import type { AlertTransition } from './apply-notification';

/** The groups an alert storm held back in one channel, as its one running message lists them. */
export interface StormList {
  held: AlertGroupView[];
  /** Offers posted per minute before the rest are held. */
  offersPerMinute: number;
}

/**
 * What the alerts feature needs from the chat workspace. The Slack adapter implements it; text
 * from alerts is untrusted and escaped there.
 */
export interface AlertPort {
  /** Posts the offer (Declare incident / Not an incident) and returns its ts. */
  postOffer(channelId: string, view: AlertGroupView): Promise<string>;
  /** The offer's ts if an interrupted attempt already posted it. */
  findOffer(channelId: string, groupId: string, since: Date): Promise<string | undefined>;
  /** Shows the group's current state in its offer: more alerts, resolved, declared, declined. */
  updateOffer(channelId: string, ts: string, view: AlertGroupView): Promise<void>;
  /** Posts the storm message for the storm that started at `startedAt`, marked so it can be found again. */
  postStorm(channelId: string, startedAt: Date, list: StormList): Promise<string>;
  /** That storm's message if an interrupted attempt already posted it. */
  findStorm(channelId: string, startedAt: Date): Promise<string | undefined>;
  updateStorm(channelId: string, ts: string, list: StormList): Promise<void>;
  /** Tells the incident channel, in one message, which of its alerts fired or resolved. */
  noteAlertChanges(incident: ReadyIncident, transitions: AlertTransition[]): Promise<void>;
  /** "All alerts resolved — resolve the incident?" with a Resolve button. */
  askToResolve(incident: ReadyIncident): Promise<void>;
}
