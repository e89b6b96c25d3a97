/**
 * A `<!date^…>` token: Slack renders it in each reader's own time zone. The fallback (UTC) is
 * what clients that cannot render the token show.
 */
export function slackDate(date: Date, format = '{date_short_pretty} at {time}'): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${seconds}^${format}|${fallback}>`;
}
