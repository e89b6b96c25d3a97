/**
 * A message's permalink, built the way Slack builds it (what `chat.getPermalink` answers) from
 * the workspace's address, which `auth.test` gives as `url` (`https://acme.slack.com/`). Built
 * here, a capture costs no call for it.
 */
export function slackPermalink(workspaceUrl: string, channelId: string, ts: string, threadTs?: string): string {
  const base = `${workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`}archives/${channelId}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channelId}` : base;
}
