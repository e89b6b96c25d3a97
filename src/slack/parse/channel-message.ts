import { BARE_MENTION_PATTERN } from '../../mrkdwn/mention';
import type { ChannelMessage } from '../../timeline/timeline-entry';
import { normaliseTypedLine, normaliseTypedText } from './normalise-text';
import { slackTsToDate } from './slack-ts';

/** A message object as Slack sends it in events, shortcuts, `reactions.get` and conversation reads. */
export interface SlackMessageObject {
  ts?: string;
  /** A reply's thread (its parent's ts); a parent with replies carries its own ts here. */
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  permalink?: string;
  files?: Array<{ name?: string; title?: string }>;
  reactions?: Array<{ name?: string; users?: string[]; count?: number }>;
}

const FILES_NOTE_MAX = 300;

/** Reads a Slack message as the timeline needs it, its text normalised like anything typed (see `normaliseTypedText`). */
export function toChannelMessage(channelId: string, message: SlackMessageObject, botUserId?: string): ChannelMessage {
  const ts = message.ts ?? '';
  const files = (message.files ?? []).map((f) => normaliseTypedLine(f.name ?? f.title ?? 'file'));
  const note = files.length ? `${files.length} ${files.length === 1 ? 'file' : 'files'}: ${files.join(', ')}` : null;
  return {
    channelId,
    ts,
    postedAt: slackTsToDate(ts),
    authorId: message.user ?? null,
    byBot: Boolean(message.bot_id) || message.subtype === 'bot_message' || (!!botUserId && message.user === botUserId),
    text: normaliseTypedText(message.text ?? ''),
    filesNote: note && note.length > FILES_NOTE_MAX ? `${note.slice(0, FILES_NOTE_MAX - 1)}…` : note,
    permalink: message.permalink ?? null,
  };
}

/**
 * Slack-formatted text (entities, `<@U…>` mentions) as a person would type it back in a text
 * input: entities decoded, mentions left as they are so they survive a round trip.
 */
export function typedFromSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The reverse: typed text as Slack formats it, so a corrected message reads like a captured one. */
export function slackTextFromTyped(text: string): string {
  return text
    .split(BARE_MENTION_PATTERN)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}
