import { firstMentionedUser, mention, replaceMentions } from '../../mrkdwn/mention';

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
 */
export function typedText(text: string): string {
  return replaceMentions(text, (id, label) => (label ? `@${label}` : mention(id)))
    .replace(/<#C[A-Z0-9]+\|([^>]+)>/g, '#$1')
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** `<@U123|alice>` or `<@U123>` → `U123`. */
export function mentionedUser(text: string): string | null {
  return firstMentionedUser(text);
}
