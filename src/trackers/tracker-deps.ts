import type { Kysely } from 'kysely';
import type { PublishedPostmortems } from '../action-items/action-item-deps';
import type { ActionItem } from '../action-items/action-item';
import type { MessageLocation } from '../action-items/item-messages';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Incident } from '../incidents/incident';
import type { Logger } from '../logger';
import type { Tracker } from './tracker';
import type { TrackerGate } from './tracker-gate';

/** What the tracker sync needs from the chat workspace. The Slack adapter implements it. */
export interface TrackerPort {
  /** The person's email as the chat knows it (to find their tracker account), or null. */
  emailOf(userId: string): Promise<string | null>;
  /** The person's name, for the issue's body; null when the chat cannot say. */
  nameOf(userId: string): Promise<string | null>;
  /** A web link to a message, or null when the chat cannot give one. */
  permalink(channelId: string, ts: string): Promise<string | null>;
  /**
   * Says in the incident channel what happened to the item in the tracker (one line), and shows
   * the item as it is now in its own DMs.
   */
  showTrackerChange(item: ActionItem, incident: Incident, dmMessages: readonly MessageLocation[], line: string): Promise<void>;
  /** The item's DMs show its issue once it is filed. */
  showIssue(item: ActionItem, incident: Incident, dmMessages: readonly MessageLocation[]): Promise<void>;
  /** Tells the item's owner something about its issue, privately (once: callers claim it first). */
  tellOwner(item: ActionItem, incident: Incident, text: string): Promise<void>;
}

export interface TrackerDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  tracker: Tracker;
  /** `always`: every item of a published post-mortem gets an issue; `button`: when someone asks. */
  createMode: 'always' | 'button';
  port: TrackerPort;
  /** The published post-mortem's first message in the incident channel and its file in git, when there are. */
  postmortemPlaces(incident: Incident): Promise<{ message: { channelId: string; ts: string } | null; fileUrl: string | null }>;
  published: PublishedPostmortems;
  /** Rate limits seen by this process: no call goes out before they are over. */
  gate: TrackerGate;
  /** Called when there is something to sync: the background pass starts at once. */
  requested?: () => void;
}
