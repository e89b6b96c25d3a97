import { escapeMrkdwn, mrkdwnLink } from './escape';

/**
 * A file in the team's repository: a link labelled with its path when the remote has a web view
 * the bot knows (GitHub, GitLab, Gitea), otherwise the path itself.
 */
export function repositoryLink(link: string, path: string): string {
  return /^https?:\/\//.test(link) ? mrkdwnLink(link, path) : `\`${escapeMrkdwn(link).replace(/`/g, "'")}\``;
}
