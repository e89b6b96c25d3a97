import type { Incident } from '../incidents/incident';
import type { PostmortemDocument } from '../render/postmortem-document';

/** What post-mortems need from the chat workspace. The Slack adapter implements it. */
export interface PostmortemPort {
  /** How people are called, for a document read outside the chat; unknown ids are left out. */
  displayNames(userIds: string[]): Promise<Map<string, string>>;
  /**
   * Shows the post-mortem in a channel, editing the messages it already occupies there (by
   * position), posting more or removing extra ones as needed. Returns the messages' ids in order.
   */
  showPostmortem(channelId: string, doc: PostmortemDocument, existing: string[]): Promise<string[]>;
  /** Shares a file in the channels. */
  shareFile(channelIds: string[], file: { filename: string; title: string; content: string }): Promise<void>;
  /** Reminds the commander, privately, that the post-mortem is due. */
  remindCommander(incident: Incident, dueAt: Date): Promise<void>;
  /** Nudges the incident channel that the post-mortem is due. */
  nudgeChannel(incident: Incident, dueAt: Date): Promise<void>;
}

/**
 * Showing stopped part-way: `shown` holds the messages already posted or edited, in order, so
 * the next publish edits them instead of posting them again.
 */
export class PartlyShownError extends Error {
  constructor(
    readonly shown: string[],
    cause: unknown,
  ) {
    super('The post-mortem was only partly shown', { cause });
  }
}
