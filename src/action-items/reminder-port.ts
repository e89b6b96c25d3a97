import type { Incident } from '../incidents/incident';
import type { ActionItem, ReminderKind } from './action-item';
import type { SnoozeDays } from './reminder-state';

/** One reminder DM: what it says, its key, and the days its snooze buttons name. */
export interface ReminderMessage {
  kind: ReminderKind;
  /** Identifies this one reminder, so that a send cut short can be recognised later. */
  key: string;
  snooze: SnoozeDays;
}

/** What action-item reminders need from the chat workspace. The Slack adapter implements it. */
export interface ReminderPort {
  /** The owner's IANA time zone, or null when the chat does not know it. */
  timeZoneOf(userId: string): Promise<string | null>;
  /** The person's DM with the bot (opened if need be). */
  dmChannelOf(userId: string): Promise<string>;
  /**
   * DMs the owner the item with its buttons, and says where the message is (its ts in
   * `dmChannel`). Throws an `owner_unreachable` AppError when the owner's account cannot receive
   * messages any more.
   */
  remindOwner(item: ActionItem, incident: Incident, message: ReminderMessage, dmChannel: string): Promise<string>;
  /** The ts of the reminder with `key` if it already reached that DM (a crash came between sending and recording). */
  sentReminder(dmChannel: string, key: string, since: Date): Promise<string | undefined>;
  /** A one-line note in the incident channel that the item was done. */
  noteDone(item: ActionItem, incident: Incident): Promise<void>;
  /** Tells the previous owner that the item now belongs to someone else. */
  tellPreviousOwner(item: ActionItem, incident: Incident, previousOwnerId: string): Promise<void>;
  /** Tells the incident commander: the item is overdue, or its owner cannot be reached. */
  tellCommander(item: ActionItem, incident: Incident, why: 'overdue' | 'owner_unreachable'): Promise<void>;
}
