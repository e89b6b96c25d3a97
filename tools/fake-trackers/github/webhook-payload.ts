import { commentObject, issueObject, organizationObject, repositoryObject, userObject, type GitHubJson, type GitHubUrls } from './github-objects';
import type { GitHubState } from './github-state';
import type { IssueChange } from './issue-actions';

/**
 * The JSON body GitHub posts for a change, built when the change happens (a later delivery or
 * redelivery sends the same bytes, as GitHub's does).
 */
export function webhookPayload(urls: GitHubUrls, state: GitHubState, change: IssueChange): GitHubJson {
  const { repo, issue } = change;
  const owner = state.requireUser(repo.owner);
  const payload: GitHubJson = { action: change.action, issue: issueObject(urls, state, repo, issue) };
  if (change.action === 'edited') payload.changes = change.changes ?? {};
  if (change.assignee !== undefined) payload.assignee = userObject(urls, state.requireUser(change.assignee));
  if (change.comment) payload.comment = commentObject(urls, state, repo, issue, change.comment);
  payload.repository = repositoryObject(urls, state, repo);
  if (owner.type === 'Organization') payload.organization = organizationObject(urls, owner);
  payload.sender = userObject(urls, state.requireUser(change.actor));
  return payload;
}
