import { z } from 'zod';
import type { GitHubTrackerConfig } from '../../config';
import { TrackerError } from '../tracker-error';
import type { IssueContent, IssueUpdate, Tracker, TrackerIssue, WebhookReading, WebhookRequest } from '../tracker';
import { GitHubAccounts } from './github-accounts';
import { commentBody, issueBody } from './github-body';
import { GitHubHttp, pathOf, sinceParam, type GitHubHttpOptions } from './github-http';
import { githubIssue, isPullRequest, readAnswer, trackerIssueOf, type GitHubIssue } from './github-issue';
import { readGitHubWebhook } from './github-webhook';

/** The label on every issue the bot files; the lists that look for the bot's issues filter on it. */
export const INCIDENT_LABEL = 'incident';

export type GitHubTrackerOptions = GitHubHttpOptions;

const authenticatedUser = z.object({ login: z.string() });

const repository = z.object({
  full_name: z.string(),
  has_issues: z.boolean(),
  archived: z.boolean().optional(),
  permissions: z.object({ admin: z.boolean().optional(), maintain: z.boolean().optional(), push: z.boolean().optional(), triage: z.boolean().optional() }).optional(),
});

/**
 * Action items as GitHub Issues in `config.owner/config.repo`, over the REST API (version
 * 2022-11-28). GitHub has no due date: the body states it, and `dueDate` reads null. The bot's
 * issues carry the label `incident` and, on the body's last line, the item's marker in an HTML
 * comment. The bot's login is learned in `check()`; before that, no webhook change counts as the
 * bot's own and `findByMarker` does not filter on who created the issue.
 */
export class GitHubTracker implements Tracker {
  readonly kind = 'github' as const;
  readonly name = 'GitHub';

  private readonly http: GitHubHttp;
  private readonly accounts: GitHubAccounts;
  private botLogin: string | null = null;

  constructor(
    private readonly config: GitHubTrackerConfig,
    options: GitHubTrackerOptions = {},
  ) {
    this.http = new GitHubHttp(config.apiUrl, config.token, options);
    this.accounts = new GitHubAccounts({ http: this.http, owner: config.owner, repo: config.repo, userMap: config.userMap });
  }

  /** `owner/repo`, as issue labels and messages name it. */
  private get fullName(): string {
    return `${this.config.owner}/${this.config.repo}`;
  }

  private repoPath(...rest: (string | number)[]): string {
    return pathOf('repos', this.config.owner, this.config.repo, ...rest);
  }

  /**
   * The token works (`GET /user`, whose login is remembered as the bot's), and the repository
   * exists, is visible to it, takes issues, is not archived and, when GitHub says, lets the token
   * triage. Anything else is a permanent `TrackerError` saying what to fix, in one line; a rate
   * limit or an outage stays what it is.
   */
  async check(): Promise<{ where: string; account: string }> {
    const user = await this.http.request('GET', '/user').catch((error: unknown) => {
      throw refusal(error, 401, 'GITHUB_TOKEN was refused (bad credentials)');
    });
    const { login } = readAnswer(authenticatedUser, user.body, 'GET /user');
    this.botLogin = login;

    const answer = await this.http.request('GET', this.repoPath()).catch((error: unknown) => {
      throw refusal(error, 404, `repository ${this.fullName} not found or not visible to the token of @${login}`);
    });
    const repo = readAnswer(repository, answer.body, `GET ${this.repoPath()}`);
    if (!repo.has_issues) throw new TrackerError('permanent', `issues are turned off in repository ${this.fullName} (Settings → Features → Issues)`);
    if (repo.archived) throw new TrackerError('permanent', `repository ${this.fullName} is archived: no issue can be filed or changed`);
    const p = repo.permissions;
    if (p && !(p.admin || p.maintain || p.push || p.triage)) {
      throw new TrackerError('permanent', `@${login} cannot assign or close issues in ${this.fullName}: give the account triage or write access`);
    }
    return { where: this.fullName, account: `@${login}` };
  }

  accountFor(person: { slackUserId: string; email: string | null }): Promise<string | null> {
    return this.accounts.accountFor(person);
  }

  /**
   * Lists rather than searches: GitHub's search index lags behind writes, and this runs right
   * after a create whose answer was lost. `since` bounds the list by last update, which a create
   * at or after it satisfies. Once `check()` has learned the bot's login, only issues it created
   * count, so a person's issue with a copied marker is never taken for the bot's.
   */
  async findByMarker(marker: string, since: Date): Promise<TrackerIssue | undefined> {
    const issues = await this.listIssues({ sort: 'created', direction: 'desc', since: sinceParam(since), ...(this.botLogin ? { creator: this.botLogin } : {}) });
    return issues.map((issue) => trackerIssueOf(issue, this.fullName)).find((issue) => issue.marker === marker);
  }

  /** Files the issue with the label `incident` added to `content.labels`, assigned when `content.assignee` is set. */
  async create(content: IssueContent): Promise<TrackerIssue> {
    const labels = [...new Set([INCIDENT_LABEL, ...content.labels])];
    const body = {
      title: content.title,
      body: issueBody(content),
      labels,
      ...(content.assignee ? { assignees: [content.assignee] } : {}),
    };
    return this.issueCall('POST', this.repoPath('issues'), body);
  }

  async get(key: string): Promise<TrackerIssue> {
    return this.issueCall('GET', this.repoPath('issues', issueNumber(key)));
  }

  /**
   * Sets the assignee (`null` unassigns) and, with `content`, the title and body. A due date
   * alone changes nothing on GitHub, where only the body states it: the caller passes `content`
   * when the date changes. Labels are left as people arranged them.
   */
  async update(key: string, change: IssueUpdate): Promise<TrackerIssue> {
    const number = issueNumber(key);
    const patch = {
      ...(change.assignee !== undefined ? { assignees: change.assignee ? [change.assignee] : [] } : {}),
      ...(change.content ? { title: change.content.title, body: issueBody(change.content) } : {}),
    };
    if (Object.keys(patch).length === 0) return this.get(key);
    return this.issueCall('PATCH', this.repoPath('issues', number), patch);
  }

  /**
   * Comments, then closes with `state_reason` `completed` or `not_planned`. The comment goes
   * first so that whoever follows the issue reads why it closed with the close itself.
   */
  async close(key: string, state: 'done' | 'not_planned', comment: string): Promise<TrackerIssue> {
    const number = issueNumber(key);
    await this.comment(number, comment);
    return this.issueCall('PATCH', this.repoPath('issues', number), { state: 'closed', state_reason: state === 'done' ? 'completed' : 'not_planned' });
  }

  async reopen(key: string, comment: string): Promise<TrackerIssue> {
    const number = issueNumber(key);
    await this.comment(number, comment);
    return this.issueCall('PATCH', this.repoPath('issues', number), { state: 'open' });
  }

  /** The bot's issues (those with a marker) updated at or after `since`, oldest change first. */
  async changedSince(since: Date): Promise<TrackerIssue[]> {
    const issues = await this.listIssues({ sort: 'updated', direction: 'asc', since: sinceParam(since) });
    return issues.map((issue) => trackerIssueOf(issue, this.fullName)).filter((issue) => issue.marker !== null);
  }

  readWebhook(request: WebhookRequest): WebhookReading {
    return readGitHubWebhook(request, { secret: this.config.webhookSecret, fullName: this.fullName, botLogin: this.botLogin });
  }

  /** The repository's issues labelled `incident`, every page, pull requests left out. */
  private async listIssues(query: Record<string, string>): Promise<GitHubIssue[]> {
    const path = this.repoPath('issues');
    const items = await this.http.list(path, { state: 'all', labels: INCIDENT_LABEL, ...query });
    return items.map((item) => readAnswer(githubIssue, item, `GET ${path}`)).filter((issue) => !isPullRequest(issue));
  }

  private async issueCall(method: string, path: string, body?: unknown): Promise<TrackerIssue> {
    const answer = await this.http.request(method, path, body === undefined ? {} : { body });
    return trackerIssueOf(readAnswer(githubIssue, answer.body, `${method} ${path}`), this.fullName);
  }

  /** An empty comment is not posted: GitHub refuses it, and there is nothing to say. */
  private async comment(number: number, text: string): Promise<void> {
    if (text.trim() === '') return;
    await this.http.request('POST', this.repoPath('issues', number, 'comments'), { body: { body: commentBody(text) } });
  }
}

/** GitHub addresses an issue by its number; any other key is a permanent failure. */
function issueNumber(key: string): number {
  if (!/^[1-9]\d{0,9}$/.test(key)) throw new TrackerError('permanent', `"${key.slice(0, 40)}" is not a GitHub issue number`);
  return Number(key);
}

/** A permanent `TrackerError` at `status` says `message` instead; anything else is rethrown as it is. */
function refusal(error: unknown, status: number, message: string): unknown {
  if (error instanceof TrackerError && error.failure === 'permanent' && error.details.status === status) {
    return new TrackerError('permanent', message, { status, cause: error });
  }
  return error;
}
