import { slackDate } from '../../mrkdwn/date-token';
import { mrkdwnLink, quoteSlackText, truncateSlackText } from '../../mrkdwn/escape';
import { mentionOr } from '../../mrkdwn/mention';
import { COMMAND } from '../ids';

/** A captured message as the note lists it. */
export interface NotedCapture {
  /** As Slack formatted it: already escaped, mentions kept. */
  text: string;
  authorId: string | null;
  postedAt: Date;
  permalink: string | null;
}

/** Messages the note lists one by one; the rest are counted, and all are in the timeline. */
export const NOTE_LINKS_MAX = 10;

/** Characters of each message the note quotes: enough to recognise it. */
const SNIPPET_MAX = 80;

function line(capture: NotedCapture): string {
  const snippet = quoteSlackText(truncateSlackText(capture.text.replace(/\s+/g, ' ').trim(), SNIPPET_MAX));
  const link = capture.permalink ? ` ${mrkdwnLink(capture.permalink, 'view')}` : '';
  return `• ${slackDate(capture.postedAt, '{time}')} ${mentionOr(capture.authorId)}: ${snippet || '_(no text)_'}${link}`;
}

/**
 * One note for many captures, in the thread of the incident's card, posted when Slack would make
 * each :memo: reaction wait: oldest message first, a few listed with links, the rest counted.
 */
export function captureNoteText(captures: readonly NotedCapture[]): string {
  const sorted = [...captures].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
  const count = sorted.length === 1 ? '1 message' : `${sorted.length} messages`;
  const lines = sorted.slice(0, NOTE_LINKS_MAX).map(line);
  const more = sorted.length - lines.length;
  if (more > 0) lines.push(`…and ${more} more: see \`${COMMAND} timeline\``);
  return [`:memo: ${count} added to the timeline`, ...lines].join('\n');
}
