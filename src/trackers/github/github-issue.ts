import { z } from 'zod';
import { TrackerError } from '../tracker-error';
import type { IssueState, TrackerIssue } from '../tracker';
import { markerIn } from './github-body';

const account = z.object({ login: z.string() });

const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'expected a timestamp');

/**
 * The fields of GitHub's issue object the bot reads, as the REST API and the `issues` webhook
 * both send it. Lists of issues also hold pull requests, which carry `pull_request`.
 */
export const githubIssue = z.object({
  number: z.number().int().positive(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  state_reason: z.string().nullish(),
  body: z.string().nullish(),
  user: account.nullish(),
  assignees: z.array(account).nullish(),
  assignee: account.nullish(),
  updated_at: instant,
  pull_request: z.unknown().optional(),
});

export type GitHubIssue = z.infer<typeof githubIssue>;

/** An answer read with `schema`; throws a permanent `TrackerError` naming the call when it does not fit. */
export function readAnswer<T>(schema: z.ZodType<T>, body: unknown, call: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw new TrackerError('permanent', `GitHub's answer to ${call} is not what its API describes${where}: ${first?.message ?? 'unreadable'}`);
}

/** GitHub's `state` and `state_reason` as the bot sees them: `not_planned` apart, every close is done. */
function stateOf(issue: GitHubIssue): IssueState {
  if (issue.state === 'open') return 'open';
  return issue.state_reason === 'not_planned' ? 'not_planned' : 'done';
}

/** An issue of `fullName` (`owner/repo`) as the tracker port describes it. */
export function trackerIssueOf(issue: GitHubIssue, fullName: string): TrackerIssue {
  return {
    key: String(issue.number),
    label: `${fullName}#${issue.number}`,
    url: issue.html_url,
    state: stateOf(issue),
    assignee: issue.assignees?.[0]?.login ?? issue.assignee?.login ?? null,
    dueDate: null,
    marker: markerIn(issue.body),
    updatedAt: new Date(issue.updated_at),
  };
}

/** A list item that is a pull request, not an issue (GitHub lists both). */
export function isPullRequest(issue: GitHubIssue): boolean {
  return issue.pull_request !== undefined && issue.pull_request !== null;
}
