/**
 * Escapes user text for mrkdwn. Only `&`, `<` and `>` are special to Slack; left alone they let
 * a summary carry `<!channel>` (pinging everyone) or `<https://evil|bank>` (a disguised link).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
