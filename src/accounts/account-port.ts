import type { Incident } from '../incidents/incident';
import type { Account } from './account';

/** The most channel messages read to find who posted: a busy incident channel's last few hours. */
export const POSTERS_READ_MAX = 1000;

/** What asking for accounts needs from the chat workspace. The Slack adapter implements it. */
export interface AccountPort {
  /** Whether this is a person who can be asked: not a bot or an app, not deactivated. */
  isPerson(userId: string): Promise<boolean>;
  /**
   * The people who posted in the channel since `since`, in threads too (never bots, and not
   * "joined the channel" notices), reading at most the latest {@link POSTERS_READ_MAX} messages.
   * Bots among thread repliers are left to `isPerson`.
   */
  postersIn(channelId: string, since: Date): Promise<string[]>;
  /** The person's IANA time zone, or null when the chat does not know it. */
  timeZoneOf(userId: string): Promise<string | null>;
  /** The person's DM with the bot (opened if need be). */
  dmChannelOf(userId: string): Promise<string>;
  /**
   * DMs the request (or, for `remind`, the one reminder) with its buttons; returns the message's
   * ts. The message is marked so that a send cut short can be found again ({@link sentBefore}).
   * Throws an `owner_unreachable` AppError when the person cannot receive messages.
   */
  ask(account: Account, incident: Incident, dmChannel: string, kind: 'ask' | 'remind'): Promise<string>;
  /** The ts of a request or reminder for this incident already in the DM (a crash came between sending and recording). */
  sentBefore(dmChannel: string, incidentId: string, kind: 'ask' | 'remind', since: Date): Promise<string | undefined>;
  /** Shows the request's current state in the DM where it was asked (written, declined, closed). */
  showState(account: Account, incident: Incident): Promise<void>;
}
