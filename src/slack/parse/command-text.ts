import { firstMentionedUser, mention, replaceMentions } from '../../mrkdwn/mention';
import { normaliseTypedLine } from './normalise-text';

/** `/incident status resolved` → `{ subcommand: 'status', args: 'resolved' }`. */
export interface ParsedCommand {
  subcommand: string;
  args: string;
}

export function parseCommandText(text: string | undefined): ParsedCommand {
  const trimmed = (text ?? '').trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { subcommand: '', args: '' };
  return { subcommand: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() };
}

/**
 * Slack sends command text with `&`, `<` and `>` as entities and mentions as `<@U…|name>`.
 * Free text (a title, a note) is stored as the person typed it: entities decoded, mentions as
 * `@name`, broadcasts as `@channel`. It is escaped again wherever it is shown.
 *
 * What follows a command is one line of text (a title, a note), normalised as such (see
 * `normaliseTypedLine`); a line break typed with Shift+Enter is kept for the caller to refuse or join.
 */
export function typedText(text: string): string {
  const decoded = replaceMentions(text, (id, label) => (label ? `@${label}` : mention(id)))
    .replace(/<#C[A-Z0-9]+\|([^>]+)>/g, '#$1')
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return normaliseTypedLine(decoded).trim();
}

/** `<@U123|alice>` or `<@U123>` → `U123`. */
export function mentionedUser(text: string): string | null {
  return firstMentionedUser(text);
}
