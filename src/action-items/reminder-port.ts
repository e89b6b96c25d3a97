import type { Incident } from '../incidents/incident';
import type { ActionItem, ReminderKind } from './action-item';

/** What action-item reminders need from the chat workspace. The Slack adapter implements it. */
export interface ReminderPort {
  /** The owner's IANA time zone, or null when the chat does not know it. */
  timeZoneOf(userId: string): Promise<string | null>;
  /** The person's DM with the bot (opened if need be). */
  dmChannelOf(userId: string): Promise<string>;
  /**
   * DMs the owner the item with its buttons. `key` identifies this one reminder so that a send
   * cut short can be recognised later. Throws an `owner_unreachable` AppError when the owner's
   * account cannot receive messages any more.
   */
  remindOwner(item: ActionItem, incident: Incident, kind: ReminderKind, key: string, dmChannel: string): Promise<void>;
  /** Whether the reminder with `key` already reached that DM (a crash came between sending and recording). */
  reminderWasSent(dmChannel: string, key: string, since: Date): Promise<boolean>;
  /** A one-line note in the incident channel that the item was done. */
  noteDone(item: ActionItem, incident: Incident): Promise<void>;
  /** Tells the previous owner that the item now belongs to someone else. */
  tellPreviousOwner(item: ActionItem, incident: Incident, previousOwnerId: string): Promise<void>;
  /** Tells the incident commander: the item is overdue, or its owner cannot be reached. */
  tellCommander(item: ActionItem, incident: Incident, why: 'overdue' | 'owner_unreachable'): Promise<void>;
}
