import { markdownInline, markdownLink, markdownParagraphs } from '../../render/markdown-escape';
import { TrackerError } from '../tracker-error';
import { itemIdOfMarker, type IssueContent } from '../tracker';

/**
 * The bot's marker as a line of its own: `<!-- incident-bot:action-item:<uuid> -->`. Only a line
 * that starts with the comment counts, and escaped user text can never start one (its `<` gets a
 * backslash and it always follows a `**label:**`), so people cannot forge or hide a marker by
 * writing one into an action item.
 */
const MARKER_LINE = /^<!--\s*(incident-bot:action-item:[0-9a-f-]{36})\s*-->[ \t]*$/gm;

/** An @mention GitHub would notify: `@` not inside a word (so emails are left alone), then a login. */
const MENTION = /(^|[^\p{L}\p{N}_])@(?=[A-Za-z0-9])/gu;

/** Stops `@dana` from pinging: a zero-width joiner after the `@` keeps it readable but no longer a mention. */
export function withoutMentions(text: string): string {
  return text.replace(MENTION, '$1@\u200d');
}

/** The marker's line; throws a permanent `TrackerError` for anything that is not an item marker. */
export function markerComment(marker: string): string {
  if (!itemIdOfMarker(marker)) throw new TrackerError('permanent', `"${marker.slice(0, 80)}" is not an action item marker`);
  return `<!-- ${marker} -->`;
}

/** The marker the bot wrote in a body (the last one, as the bot writes it last), or null. */
export function markerIn(body: string | null | undefined): string | null {
  if (!body) return null;
  const found = [...body.matchAll(MARKER_LINE)].at(-1)?.[1];
  return found && itemIdOfMarker(found) ? found : null;
}

/**
 * An issue's body in GitHub Markdown: each line as `**label:** text` (the text a link when the
 * line has a URL), a paragraph each, then the marker comment as the last line. The caller passes
 * the due date as one of the lines (GitHub has no due-date field). Text from Slack users shows
 * exactly as written: Markdown and HTML are escaped and @mentions do not notify anyone.
 */
export function issueBody(content: IssueContent): string {
  const lines = content.lines.map((line) => {
    const text = withoutMentions(line.text);
    return `**${markdownInline(withoutMentions(line.label))}:** ${line.url ? markdownLink(text, line.url) : markdownInline(text)}`;
  });
  return [...lines, markerComment(content.marker)].join('\n\n');
}

/** A comment from plain text (it may quote a person's reason): escaped like the body, line breaks kept. */
export function commentBody(text: string): string {
  return markdownParagraphs(withoutMentions(text));
}
