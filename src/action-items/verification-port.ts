import type { Incident } from '../incidents/incident';
import type { ActionItem } from './action-item';
import type { MessageLocation } from './item-messages';

/** Someone asked whether an item works: its owner, or the incident's commander. */
export interface AskedPerson {
  userId: string;
  role: 'owner' | 'commander';
  /** Their DM with the bot, where the question goes. */
  dmChannel: string;
}

/** An answer as the question's DMs show it once it is given (`at`). */
export type ShownAnswer =
  | { kind: 'verified'; at: Date }
  | { kind: 'not_effective'; at: Date }
  /** `next` is when it is asked again; null after the last ask (it stays unconfirmed). */
  | { kind: 'unsure'; at: Date; next: Date | null };

/** What the check that done items work needs from the chat workspace. The Slack adapter implements it. */
export interface VerificationPort {
  /** The person's IANA time zone, or null when the chat does not know it. */
  timeZoneOf(userId: string): Promise<string | null>;
  /**
   * The person's DM with the bot (opened if need be). Throws an `owner_unreachable` AppError when
   * they cannot receive messages any more.
   */
  dmChannelOf(userId: string): Promise<string>;
  /**
   * Asks the person, in their DM, whether the item works, with the three answers as buttons;
   * returns the message's ts. The message is marked with `key`, so that an ask cut short can be
   * found again ({@link sentBefore}). Throws an `owner_unreachable` AppError when the person
   * cannot receive messages.
   */
  ask(person: AskedPerson, item: ActionItem, incident: Incident, key: string): Promise<string>;
  /** The ts of the question with `key` if it already reached that DM (a crash came between sending and recording). */
  sentBefore(dmChannel: string, key: string, since: Date): Promise<string | undefined>;
  /** Shows in each of the question's DMs who answered what, without the buttons. */
  showAnswered(messages: readonly MessageLocation[], item: ActionItem, incident: Incident, answer: ShownAnswer, by: string): Promise<void>;
  /** A one-line note in the incident channel: the item was found not to work, and is open again. */
  noteNotEffective(item: ActionItem, incident: Incident, by: string): Promise<void>;
}
