import type { CommentRecord, GitHubState, IssueRecord, IssueState, RepositoryRecord, StateReason } from './github-state';

/**
 * What happened to an issue, one entry per webhook GitHub would send for it. The API's operations
 * and the test helpers that act "as a person on GitHub" go through the same functions below, so both
 * change the issue the same way and announce it the same way.
 */
export interface IssueChange {
  event: 'issues' | 'issue_comment';
  action: 'opened' | 'edited' | 'closed' | 'reopened' | 'assigned' | 'unassigned' | 'created';
  repo: RepositoryRecord;
  issue: IssueRecord;
  /** Login of who did it (the webhook's `sender`). */
  actor: string;
  /** For `edited`: the previous title and/or body. */
  changes?: { title?: { from: string }; body?: { from: string } };
  /** For `assigned` / `unassigned`: whose assignment changed. */
  assignee?: string;
  /** For `issue_comment` `created`. */
  comment?: CommentRecord;
}

export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
}

export interface IssuePatch {
  title?: string;
  body?: string | null;
  state?: IssueState;
  /** Used only when `state` changes, as GitHub documents. */
  stateReason?: StateReason | null;
  /** Replaces the set of labels. */
  labels?: string[];
  /** Replaces the set of assignees. */
  assignees?: string[];
}

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Keeps the first of each login, in the stored case of the user. */
function uniqueLogins(state: GitHubState, logins: string[]): string[] {
  const out: string[] = [];
  for (const login of logins) {
    const stored = state.requireUser(login).login;
    if (!out.some((l) => sameLogin(l, stored))) out.push(stored);
  }
  return out;
}

export function createIssue(state: GitHubState, repo: RepositoryRecord, actor: string, input: NewIssue): { issue: IssueRecord; changes: IssueChange[] } {
  const now = state.now();
  const issue: IssueRecord = {
    id: state.newId('issue'),
    number: repo.nextNumber,
    title: input.title,
    body: input.body ?? null,
    state: 'open',
    stateReason: null,
    labels: state.ensureLabels(repo, input.labels ?? []),
    assignees: uniqueLogins(state, input.assignees ?? []),
    author: state.requireUser(actor).login,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    comments: [],
  };
  repo.nextNumber += 1;
  repo.issues.set(issue.number, issue);
  // GitHub announces the assignees of a new issue too, after `opened`.
  const changes: IssueChange[] = [
    { event: 'issues', action: 'opened', repo, issue, actor: issue.author },
    ...issue.assignees.map((assignee): IssueChange => ({ event: 'issues', action: 'assigned', repo, issue, actor: issue.author, assignee })),
  ];
  return { issue, changes };
}

function assigneeChanges(state: GitHubState, repo: RepositoryRecord, issue: IssueRecord, actor: string, next: string[]): IssueChange[] {
  const before = issue.assignees;
  const after = uniqueLogins(state, next);
  const removed = before.filter((login) => !after.some((l) => sameLogin(l, login)));
  const added = after.filter((login) => !before.some((l) => sameLogin(l, login)));
  issue.assignees = after;
  return [
    ...removed.map((assignee): IssueChange => ({ event: 'issues', action: 'unassigned', repo, issue, actor, assignee })),
    ...added.map((assignee): IssueChange => ({ event: 'issues', action: 'assigned', repo, issue, actor, assignee })),
  ];
}

/**
 * Applies a change as `PATCH /repos/{owner}/{repo}/issues/{issue_number}` does. Closing records
 * when, by whom and why (`completed` unless told otherwise); reopening clears that and sets
 * `state_reason` to `reopened`. `updated_at` moves only when something changed.
 */
export function updateIssue(state: GitHubState, repo: RepositoryRecord, issue: IssueRecord, actor: string, patch: IssuePatch): IssueChange[] {
  const who = state.requireUser(actor).login;
  const changes: IssueChange[] = [];
  const edited: NonNullable<IssueChange['changes']> = {};
  if (patch.title !== undefined && patch.title !== issue.title) {
    edited.title = { from: issue.title };
    issue.title = patch.title;
  }
  if (patch.body !== undefined && patch.body !== issue.body) {
    edited.body = { from: issue.body ?? '' };
    issue.body = patch.body;
  }
  if (edited.title || edited.body) changes.push({ event: 'issues', action: 'edited', repo, issue, actor: who, changes: edited });

  // GitHub announces label changes as `labeled`/`unlabeled`, which the reference data does not
  // describe, so they change the issue (and `updated_at`) without a webhook here.
  let relabelled = false;
  if (patch.labels !== undefined) {
    const next = state.ensureLabels(repo, patch.labels);
    relabelled = next.length !== issue.labels.length || next.some((name, i) => name !== issue.labels[i]);
    issue.labels = next;
  }
  if (patch.assignees !== undefined) changes.push(...assigneeChanges(state, repo, issue, who, patch.assignees));

  if (patch.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.stateReason = patch.stateReason ?? 'completed';
    issue.closedAt = state.now();
    issue.closedBy = who;
    changes.push({ event: 'issues', action: 'closed', repo, issue, actor: who });
  } else if (patch.state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.stateReason = 'reopened';
    issue.closedAt = null;
    issue.closedBy = null;
    changes.push({ event: 'issues', action: 'reopened', repo, issue, actor: who });
  }
  if (changes.length > 0 || relabelled) issue.updatedAt = state.now();
  return changes;
}

/** `POST .../assignees`: adds to the assignees; those already assigned stay as they are. */
export function addAssignees(state: GitHubState, repo: RepositoryRecord, issue: IssueRecord, actor: string, logins: string[]): IssueChange[] {
  const changes = assigneeChanges(state, repo, issue, state.requireUser(actor).login, [...issue.assignees, ...logins]);
  if (changes.length > 0) issue.updatedAt = state.now();
  return changes;
}

/** `DELETE .../assignees`: removes those named; names not assigned are ignored. */
export function removeAssignees(state: GitHubState, repo: RepositoryRecord, issue: IssueRecord, actor: string, logins: string[]): IssueChange[] {
  const next = issue.assignees.filter((login) => !logins.some((l) => sameLogin(l, login)));
  const changes = assigneeChanges(state, repo, issue, state.requireUser(actor).login, next);
  if (changes.length > 0) issue.updatedAt = state.now();
  return changes;
}

export function addComment(state: GitHubState, repo: RepositoryRecord, issue: IssueRecord, actor: string, body: string): { comment: CommentRecord; changes: IssueChange[] } {
  const now = state.now();
  const author = state.requireUser(actor).login;
  const comment: CommentRecord = { id: state.newId('comment'), body, author, createdAt: now, updatedAt: now };
  issue.comments.push(comment);
  issue.updatedAt = now;
  return { comment, changes: [{ event: 'issue_comment', action: 'created', repo, issue, actor: author, comment }] };
}
