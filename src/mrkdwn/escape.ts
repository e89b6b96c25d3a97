/**
 * Escapes user text for mrkdwn. Only `&`, `<` and `>` are special to Slack; left alone they let
 * a summary carry `<!channel>` (pinging everyone) or `<https://evil|bank>` (a disguised link).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes, then cuts to `max` characters without splitting an entity such as `&amp;`, ending
 * with an ellipsis when anything was cut.
 */
export function escapeAndTruncate(text: string, max: number): string {
  return truncateSlackText(escapeMrkdwn(text), max);
}

/** Cuts Slack-formatted text to `max` characters without splitting an entity or a `<…>` token. */
export function truncateSlackText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$|<[^>]*$/, '')}…`;
}

/**
 * Text that Slack already formatted (a captured message) is shown as it was, mentions and links
 * included, except broadcasts: `<!channel>` in a quoted message must not ping everyone again.
 */
export function quoteSlackText(text: string): string {
  return text
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label: string | undefined) => label ?? '@group');
}

/** A link in mrkdwn whose URL cannot break out of `<…|…>` (those characters are percent-encoded). */
export function mrkdwnLink(url: string, label: string): string {
  const safe = url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c));
  return `<${safe}|${escapeMrkdwn(label)}>`;
}
