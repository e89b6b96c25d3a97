import type { PostmortemDocument } from './postmortem-document';

const PERMALINK = /^(https:\/\/[^/?#\s]+\/archives\/([A-Z0-9]+))\/p\d+/;

/**
 * The incident channel's address, or null when the document cannot know it: the workspace's
 * address only reaches the document inside a captured message's permalink
 * (`https://acme.slack.com/archives/C0123/p1715…`), which without the message is the channel's.
 */
export function channelUrl(doc: Pick<PostmortemDocument, 'incident' | 'timeline'>): string | null {
  const channelId = doc.incident.channelId;
  if (!channelId) return null;
  for (const entry of doc.timeline) {
    if (entry.kind !== 'message' || entry.source.channelId !== channelId || !entry.permalink) continue;
    const match = PERMALINK.exec(entry.permalink);
    if (match?.[2] === channelId) return match[1] as string;
  }
  return null;
}

/** `#inc-20260512-checkout-api-returning-502s`, or the channel's id before it had a name. */
export function channelName(doc: Pick<PostmortemDocument, 'incident'>): string | null {
  const { channelName: name, channelId } = doc.incident;
  return name ? `#${name}` : channelId;
}
