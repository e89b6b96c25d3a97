import type { CommentRecord, GitHubState, IssueRecord, LabelRecord, RepositoryRecord, UserRecord } from './github-state';

/**
 * Builders of GitHub's JSON objects from the fake's records. Every field GitHub's schemas require is
 * filled with a realistic value (ids, node ids, URLs derived from the fake's own address), so what
 * the fake answers and delivers validates against the reference data. Field order follows GitHub's.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GitHubJson = { [key: string]: any };

/** Where the fake answers: the REST API (like GitHub Enterprise's `/api/v3`) and the web pages. */
export interface GitHubUrls {
  api: string;
  web: string;
}

/** GitHub's timestamps: UTC, whole seconds, `Z`. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * GitHub's legacy global node ids: base64 of `0<length>:<Type><id>` (`MDQ6VXNlcjE=` is `04:User1`),
 * still what the REST API returns for users and what clients compare against.
 */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

const segment = (name: string) => encodeURIComponent(name);

export function userObject(urls: GitHubUrls, user: UserRecord): GitHubJson {
  const api = `${urls.api}/users/${segment(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Organization' ? 'Organization' : 'User', user.id),
    avatar_url: `${urls.web}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${segment(user.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `GET /users/{username}`: the profile anyone can see (the public email only). */
export function publicUserObject(urls: GitHubUrls, user: UserRecord): GitHubJson {
  return {
    ...userObject(urls, user),
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: timestamp(user.createdAt),
    updated_at: timestamp(user.createdAt),
  };
}

/** `GET /user`: the token's own profile, with the private counters only its owner sees. */
export function privateUserObject(urls: GitHubUrls, user: UserRecord): GitHubJson {
  return {
    ...publicUserObject(urls, user),
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

/** The short form of an organisation webhooks carry in `organization`. */
export function organizationObject(urls: GitHubUrls, org: UserRecord): GitHubJson {
  const api = `${urls.api}/orgs/${segment(org.login)}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId('Organization', org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${urls.web}/avatars/u/${org.id}?v=4`,
    description: null,
  };
}

export function repositoryUrls(urls: GitHubUrls, repo: RepositoryRecord): { api: string; web: string } {
  return { api: `${urls.api}/repos/${repo.fullName}`, web: `${urls.web}/${repo.fullName}` };
}

/**
 * A repository as `GET /repos/{owner}/{repo}` returns it; the same object satisfies the
 * `repository` of every webhook payload.
 */
export function repositoryObject(urls: GitHubUrls, state: GitHubState, repo: RepositoryRecord): GitHubJson {
  const owner = state.requireUser(repo.owner);
  const { api, web } = repositoryUrls(urls, repo);
  const openIssues = [...repo.issues.values()].filter((i) => i.state === 'open').length;
  const host = new URL(urls.web).host;
  const created = timestamp(repo.createdAt);
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userObject(urls, owner),
    html_url: web,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${repo.fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${web}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: web,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: 'main',
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: repo.hasIssues,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: created,
    created_at: created,
    updated_at: created,
    allow_forking: false,
    web_commit_signoff_required: false,
    license: null,
    network_count: 0,
    subscribers_count: 0,
    ...(owner.type === 'Organization' ? { organization: userObject(urls, owner) } : {}),
  };
}

export function labelObject(urls: GitHubUrls, repo: RepositoryRecord, label: LabelRecord): GitHubJson {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${repositoryUrls(urls, repo).api}/labels/${segment(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

/** How a person relates to a repository, as GitHub labels their issues and comments. */
export function authorAssociation(state: GitHubState, repo: RepositoryRecord, login: string): string {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
  if (!state.canBeAssigned(repo, login)) return 'NONE';
  return state.requireUser(repo.owner).type === 'Organization' ? 'MEMBER' : 'COLLABORATOR';
}

function reactions(url: string): GitHubJson {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

export function issueUrls(urls: GitHubUrls, repo: RepositoryRecord, number: number): { api: string; web: string } {
  const base = repositoryUrls(urls, repo);
  return { api: `${base.api}/issues/${number}`, web: `${base.web}/issues/${number}` };
}

/**
 * An issue as the REST API returns it; the same object satisfies the `issue` of every `issues` and
 * `issue_comment` webhook payload.
 */
export function issueObject(urls: GitHubUrls, state: GitHubState, repo: RepositoryRecord, issue: IssueRecord): GitHubJson {
  const { api, web } = issueUrls(urls, repo, issue.number);
  const assignees = issue.assignees.map((login) => userObject(urls, state.requireUser(login)));
  const labels = issue.labels.flatMap((name) => {
    const label = state.label(repo, name);
    return label ? [labelObject(urls, repo, label)] : [];
  });
  return {
    id: issue.id,
    node_id: nodeId('Issue', issue.id),
    url: api,
    repository_url: repositoryUrls(urls, repo).api,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: web,
    number: issue.number,
    state: issue.state,
    title: issue.title,
    body: issue.body,
    user: userObject(urls, state.requireUser(issue.author)),
    labels,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments.length,
    closed_at: issue.closedAt ? timestamp(issue.closedAt) : null,
    created_at: timestamp(issue.createdAt),
    updated_at: timestamp(issue.updatedAt),
    closed_by: issue.closedBy ? userObject(urls, state.requireUser(issue.closedBy)) : null,
    author_association: authorAssociation(state, repo, issue.author),
    type: null,
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    reactions: reactions(`${api}/reactions`),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
  };
}

export function commentObject(urls: GitHubUrls, state: GitHubState, repo: RepositoryRecord, issue: IssueRecord, comment: CommentRecord): GitHubJson {
  const repoApi = repositoryUrls(urls, repo).api;
  const { api: issueApi, web: issueWeb } = issueUrls(urls, repo, issue.number);
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${repoApi}/issues/comments/${comment.id}`,
    html_url: `${issueWeb}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userObject(urls, state.requireUser(comment.author)),
    created_at: timestamp(comment.createdAt),
    updated_at: timestamp(comment.updatedAt),
    issue_url: issueApi,
    author_association: authorAssociation(state, repo, comment.author),
    performed_via_github_app: null,
    reactions: reactions(`${repoApi}/issues/comments/${comment.id}/reactions`),
  };
}
