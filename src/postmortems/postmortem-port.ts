import type { Incident, ReadyIncident } from '../incidents/incident';
import type { DraftState, ReviewMeeting } from './review-meeting';
import type { PostmortemDocument } from '../render/postmortem-document';

/**
 * One published message of a post-mortem: where it is, and a fingerprint of what it shows (null
 * when not known), so a refresh edits only the messages whose content changed.
 */
export interface ShownMessage {
  ts: string;
  contentHash: string | null;
}

export interface ShowOptions {
  /** Edit every message, even one whose fingerprint says it is unchanged (publishing again brings back a deleted one). */
  editUnchanged: boolean;
  /** Called after each message posted or edited: a long publish keeps its lease alive here. */
  afterEach?: () => Promise<void>;
}

/** What post-mortems need from the chat workspace. The Slack adapter implements it. */
export interface PostmortemPort {
  /** How people are called, for a document read outside the chat; unknown ids are left out. */
  displayNames(userIds: string[]): Promise<Map<string, string>>;
  /**
   * Shows the post-mortem in a channel, editing the messages it already occupies there (by
   * position) whose content changed, posting more (paced to what the channel takes) or removing
   * extra ones as needed. Returns the messages in order.
   */
  showPostmortem(channelId: string, doc: PostmortemDocument, existing: ShownMessage[], options: ShowOptions): Promise<ShownMessage[]>;
  /** Shares a file in the channels: text (sent as UTF-8) or bytes, such as the phase chart's PNG. */
  shareFile(channelIds: string[], file: { filename: string; title: string; content: string | Uint8Array }): Promise<void>;
  /** Sends a file to one person, privately (in their DM with the bot), with a line saying what it is. */
  sendFile(userId: string, file: { filename: string; title: string; content: string | Uint8Array; comment: string }): Promise<void>;
  /** Reminds the commander, privately, that the post-mortem is due. */
  remindCommander(incident: Incident, dueAt: Date): Promise<void>;
  /** Nudges the incident channel that the post-mortem is due. */
  nudgeChannel(incident: Incident, dueAt: Date): Promise<void>;
  /** A person's IANA time zone, or null when the chat does not know it. */
  timeZoneOf(userId: string): Promise<string | null>;
  /**
   * Posts the review meeting's invitation in the incident channel, mentioning each invitee once,
   * or edits the one at `existing.ts` (and, when the meeting `moved`, says so in one short line
   * that mentions nobody). Returns the invitation's ts.
   */
  postInvitation(incident: ReadyIncident, meeting: ReviewMeeting, state: DraftState, existing: { ts: string; moved: boolean } | null): Promise<string>;
  /** The invitation already in the channel for this incident (posted, but never recorded). */
  findInvitation(channelId: string, incidentId: string): Promise<string | undefined>;
  /**
   * Reminds the facilitator, privately, of today's review meeting and where the draft stands;
   * a reminder for this meeting already in their DM (its sender died before recording it) is not
   * sent again.
   */
  remindFacilitator(userId: string, incident: Incident, meeting: ReviewMeeting, state: DraftState): Promise<void>;
  /** Tells the publisher, privately and once, that writing the post-mortem to git fails and will be retried. */
  tellArchiveFailure(userId: string, incident: Incident, reason: string): Promise<void>;
}

/**
 * Showing stopped part-way: `shown` holds the messages already posted or edited, in order, so
 * the next publish edits them instead of posting them again.
 */
export class PartlyShownError extends Error {
  constructor(
    readonly shown: ShownMessage[],
    cause: unknown,
  ) {
    super('The post-mortem was only partly shown', { cause });
  }
}
