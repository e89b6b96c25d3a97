import type { JiraTrackerConfig } from '../../config';
import { isKnownTimeZone } from '../../zoned-time';
import type { IssueContent, IssueUpdate, Tracker, TrackerIssue, WebhookReading, WebhookRequest } from '../tracker';
import { TrackerError } from '../tracker-error';
import { adfFromText, adfToText } from './jira-adf';
import { contentFields, createFields, markerLabel, POLL_LABEL } from './jira-fields';
import { JiraHttp, refusedFields } from './jira-http';
import { ISSUE_FIELDS, toTrackerIssue, type JiraIssueJson } from './jira-issue';
import { jqlDate, jqlString } from './jira-jql';
import { closingMove, describeTransitions, reopeningTransition, type JiraTransition } from './jira-transitions';
import { readJiraWebhook } from './jira-webhook';

export interface JiraTrackerOptions {
  /** How long one call may take; default 10 s. */
  timeoutMs?: number;
  /** Issues per `/search/jql` page; Jira gives at most 100 when fields are asked for. Default 100. */
  pageSize?: number;
  /** How long an email's account (or the lack of one) is remembered; default 10 minutes. */
  accountCacheMs?: number;
}

/** The bot's own account, as `GET /myself` shows it. */
interface Myself {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  /** The zone Jira reads the bot's JQL dates in. */
  timeZone: string;
}

interface JiraUserJson {
  accountId: string;
  accountType?: string;
  displayName?: string;
  emailAddress?: string;
  active?: boolean;
  timeZone?: string;
}

interface SearchPage {
  issues?: JiraIssueJson[];
  nextPageToken?: string;
  isLast?: boolean;
}

/** Jira's limit on `reconcileIssues`. */
const RECONCILE_LIMIT = 50;

/**
 * How far before `since` a lost create is looked for: `since` is the bot's clock and `created`
 * Jira's, and the marker label makes a wider window cost nothing.
 */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * The tracker port over Jira Cloud's REST API v3, for one project and issue type. Issues carry
 * the item marker in their description and a label derived from it; state follows the status
 * category; closing and reopening pick transitions by where they lead. The bot's account id and
 * time zone come from `GET /myself`, read by `check()` (or on first need) and kept.
 */
export class JiraTracker implements Tracker {
  readonly kind = 'jira' as const;
  readonly name = 'Jira';

  private readonly http: JiraHttp;
  private readonly pageSize: number;
  private readonly accountCacheMs: number;
  private myself: Promise<Myself> | undefined;
  /** Learned by `check()`: a webhook whose user is this account reports the bot's own change. */
  private botAccountId: string | undefined;
  private readonly accounts = new Map<string, { accountId: string | null; until: number }>();
  /** Accounts Jira refused as assignees, so `accountFor` stops offering them for a while. */
  private readonly unassignable = new Map<string, number>();
  /** The highest issue id seen, and what it was when each marker's create was sent (see `findByMarker`). */
  private highestIssueId = 0;
  private readonly idBeforeCreate = new Map<string, number>();

  constructor(
    private readonly config: JiraTrackerConfig,
    options: JiraTrackerOptions = {},
  ) {
    this.http = new JiraHttp(config.baseUrl, config.email, config.apiToken, options.timeoutMs);
    this.pageSize = Math.min(Math.max(options.pageSize ?? 100, 1), 100);
    this.accountCacheMs = options.accountCacheMs ?? 10 * 60_000;
  }

  /**
   * The credentials work (`GET /myself`), the project exists and has the issue type. Each refusal
   * is one permanent line naming the setting to fix.
   */
  async check(): Promise<{ where: string; account: string }> {
    const { projectKey, issueType } = this.config;
    let me: Myself;
    try {
      me = await this.loadMyself();
    } catch (error) {
      if (statusOf(error) === 401) throw permanent(`JIRA_EMAIL/JIRA_API_TOKEN were refused by Jira at ${this.config.baseUrl} (401)`, error);
      throw error;
    }
    let project: { issueTypes?: Array<{ name?: string; subtask?: boolean }> };
    try {
      project = await this.http.call({ method: 'GET', path: `/rest/api/3/project/${encodeURIComponent(projectKey)}` });
    } catch (error) {
      if (statusOf(error) === 404) throw permanent(`Jira has no project ${projectKey} that ${me.displayName} can see (JIRA_PROJECT_KEY)`, error);
      throw error;
    }
    // A sub-task needs a parent issue, so it cannot be what the bot files.
    const types = (project.issueTypes ?? []).filter((t) => !t.subtask && t.name).map((t) => t.name as string);
    if (!types.includes(issueType)) {
      throw permanent(`Jira project ${projectKey} has no issue type "${issueType}" (JIRA_ISSUE_TYPE); it has ${types.map((t) => `"${t}"`).join(', ') || 'none'}`);
    }
    return { where: `Jira project ${projectKey} (${issueType})`, account: me.displayName };
  }

  /**
   * The active Atlassian account with this email: the one whose shown email matches, or the only
   * result when Jira hides it (a full-email search still matches a hidden email, without showing
   * it). The API subset has no assignable-user search, so assignability is learned when Jira
   * refuses an assignee (see `create`). Answers, null included, are kept for a few minutes.
   */
  async accountFor(person: { slackUserId: string; email: string | null }): Promise<string | null> {
    const email = person.email?.trim().toLowerCase();
    if (!email) return null;
    const now = Date.now();
    const cached = this.accounts.get(email);
    let accountId: string | null;
    if (cached && cached.until > now) {
      accountId = cached.accountId;
    } else {
      const users = (await this.http.call<JiraUserJson[] | undefined>({ method: 'GET', path: '/rest/api/3/user/search', query: { query: email, maxResults: 10 } })) ?? [];
      const people = users.filter((u) => u.accountType === 'atlassian' && u.active !== false);
      const match = people.find((u) => u.emailAddress?.toLowerCase() === email) ?? (users.length === 1 && people.length === 1 && !people[0]?.emailAddress ? people[0] : undefined);
      accountId = match?.accountId ?? null;
      this.accounts.set(email, { accountId, until: now + this.accountCacheMs });
    }
    const refusedUntil = accountId ? this.unassignable.get(accountId) : undefined;
    return refusedUntil !== undefined && refusedUntil > now ? null : accountId;
  }

  /**
   * The issue carrying `marker`, created at or after `since` (less a margin for clock skew): a
   * JQL search on the project and the marker's label (exact, unlike `text ~`), confirmed by the
   * full marker in the description.
   *
   * `/search/jql` reads an index that may lag a write by a few seconds, so an issue created just
   * now may not be found yet. Jira's remedy is `reconcileIssues`, which reads named issue ids
   * live, but a lost create never told the bot its id. Issue ids are allocated in sequence across
   * the site, so the ids just above one known to predate the create (the highest seen when it was
   * sent, or after a restart the project's newest indexed issue from before `since`) are
   * reconciled: that finds the issue unless more than 50 issues were created on the site in
   * between. Past that, a retry a little later finds it once the index has caught up.
   */
  async findByMarker(marker: string, since: Date): Promise<TrackerIssue | undefined> {
    const me = await this.me();
    const project = `project = ${jqlString(this.config.projectKey)}`;
    const from = new Date(since.getTime() - CLOCK_SKEW_MS);
    const jql = `${project} AND labels = ${jqlString(markerLabel(marker))} AND created >= ${jqlDate(from, me.timeZone)} ORDER BY created ASC`;
    const before = this.idBeforeCreate.get(marker) ?? (await this.newestIssueIdBefore(from, me.timeZone));
    const reconcile = before > 0 ? Array.from({ length: RECONCILE_LIMIT }, (_, i) => before + 1 + i) : undefined;
    let found: TrackerIssue[];
    try {
      found = await this.search(jql, reconcile);
    } catch (error) {
      // Should Jira refuse ids that do not exist yet, the search is still worth having without them.
      if (!reconcile || statusOf(error) !== 400) throw error;
      found = await this.search(jql);
    }
    const issue = found.find((candidate) => candidate.marker === marker);
    if (issue) this.idBeforeCreate.delete(marker);
    return issue;
  }

  /**
   * Files the issue, then reads it back. When Jira refuses nothing but the assignee (a person who
   * may not be assigned issues), it is filed unassigned: the issue read back says so.
   */
  async create(content: IssueContent): Promise<TrackerIssue> {
    if (this.highestIssueId > 0) this.idBeforeCreate.set(content.marker, this.highestIssueId);
    const fields = createFields(content, this.config.projectKey, this.config.issueType);
    let created: { id: string; key: string };
    try {
      created = await this.http.call({ method: 'POST', path: '/rest/api/3/issue', body: { fields } });
    } catch (error) {
      if (!content.assignee || !this.refusedOnlyAssignee(error, content.assignee)) throw error;
      const { assignee: _refused, ...rest } = fields;
      created = await this.http.call({ method: 'POST', path: '/rest/api/3/issue', body: { fields: rest } });
    }
    this.idBeforeCreate.delete(content.marker);
    this.noteIssueId(created.id);
    return this.get(created.key);
  }

  async get(key: string): Promise<TrackerIssue> {
    const json = await this.http.call<JiraIssueJson>({
      method: 'GET',
      path: `/rest/api/3/issue/${encodeURIComponent(key)}`,
      query: { fields: ISSUE_FIELDS.join(',') },
    });
    return this.toIssue(json);
  }

  /**
   * Sets the assignee (null to unassign), the due date, and with `content` the summary and
   * description; labels people added are left alone. A refused assignee alone leaves the issue
   * as it was assigned, with the other fields still set.
   */
  async update(key: string, change: IssueUpdate): Promise<TrackerIssue> {
    const fields: Record<string, unknown> = {};
    if (change.assignee !== undefined) fields.assignee = change.assignee === null ? null : { accountId: change.assignee };
    if (change.dueDate !== undefined) fields.duedate = change.dueDate || null;
    if (change.content) Object.assign(fields, contentFields(change.content));
    if (Object.keys(fields).length > 0) {
      try {
        await this.edit(key, fields);
      } catch (error) {
        if (!change.assignee || !this.refusedOnlyAssignee(error, change.assignee)) throw error;
        const { assignee: _refused, ...rest } = fields;
        if (Object.keys(rest).length > 0) await this.edit(key, rest);
      }
    }
    return this.get(key);
  }

  /**
   * Comments and moves the issue to a done-category status (see `closingMove`), sending a
   * resolution when the transition's screen asks for one. An issue already in the done category
   * is left as it is; one whose workflow offers no way there is a permanent failure that names
   * what it offers.
   */
  async close(key: string, state: 'done' | 'not_planned', comment: string): Promise<TrackerIssue> {
    const issue = await this.get(key);
    if (issue.state !== 'open') return issue;
    const transitions = await this.transitions(key);
    const move = closingMove(transitions, state);
    if (!move) throw permanent(`Jira offers no way to close ${key}: no transition leads to a done status (it offers ${describeTransitions(transitions)})`);
    await this.commentOnce(key, comment);
    await this.transition(key, { transition: { id: move.transition.id }, ...(move.resolution ? { fields: { resolution: move.resolution } } : {}) });
    return this.get(key);
  }

  /** Comments and moves the issue back to a To Do or In Progress status; an open issue is left as it is. */
  async reopen(key: string, comment: string): Promise<TrackerIssue> {
    const issue = await this.get(key);
    if (issue.state === 'open') return issue;
    const transitions = await this.transitions(key);
    const transition = reopeningTransition(transitions);
    if (!transition) throw permanent(`Jira offers no way to reopen ${key}: no transition leads to a To Do or In Progress status (it offers ${describeTransitions(transitions)})`);
    await this.commentOnce(key, comment);
    await this.transition(key, { transition: { id: transition.id } });
    return this.get(key);
  }

  /**
   * The bot's issues (labelled for the poll, and carrying a marker) updated at or after `since`,
   * oldest change first. JQL compares to the minute, so a few updated in the seconds before
   * `since` come too; the poll takes them as already known.
   */
  async changedSince(since: Date): Promise<TrackerIssue[]> {
    const me = await this.me();
    const jql = `project = ${jqlString(this.config.projectKey)} AND labels = ${jqlString(POLL_LABEL)} AND updated >= ${jqlDate(since, me.timeZone)} ORDER BY updated ASC`;
    return (await this.search(jql)).filter((issue) => issue.marker !== null);
  }

  readWebhook(request: WebhookRequest): WebhookReading {
    return readJiraWebhook(request, {
      secret: this.config.webhookSecret,
      projectKey: this.config.projectKey,
      baseUrl: this.config.baseUrl,
      isBot: (user) => {
        if (this.botAccountId) return user.accountId === this.botAccountId;
        // Before check() has run, the account's email is the next best sign, when Jira shows it.
        return user.emailAddress !== undefined && user.emailAddress.toLowerCase() === this.config.email.toLowerCase();
      },
    });
  }

  // --- calls -------------------------------------------------------------------------------

  /** `GET /myself`, kept; a failure is not kept, so the next call asks again. */
  private me(): Promise<Myself> {
    this.myself ??= this.loadMyself();
    return this.myself;
  }

  private loadMyself(): Promise<Myself> {
    const loading = this.http.call<JiraUserJson>({ method: 'GET', path: '/rest/api/3/myself' }).then((user) => {
      this.botAccountId = user.accountId;
      return {
        accountId: user.accountId,
        displayName: user.displayName ?? user.accountId,
        ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
        // Jira falls back to the site's zone for an account without one; UTC is the usual default.
        timeZone: isKnownTimeZone(user.timeZone) ? user.timeZone : 'UTC',
      };
    });
    this.myself = loading;
    loading.catch(() => {
      if (this.myself === loading) this.myself = undefined;
    });
    return loading;
  }

  /** Every issue a JQL query finds, page after page by `nextPageToken` (`/search/jql` has no `startAt`). */
  private async search(jql: string, reconcileIssues?: number[]): Promise<TrackerIssue[]> {
    const found: TrackerIssue[] = [];
    const seenTokens = new Set<string>();
    let nextPageToken: string | undefined;
    do {
      const page: SearchPage = await this.http.call({
        method: 'POST',
        path: '/rest/api/3/search/jql',
        body: { jql, fields: ISSUE_FIELDS, maxResults: this.pageSize, ...(nextPageToken ? { nextPageToken } : {}), ...(reconcileIssues ? { reconcileIssues } : {}) },
      });
      found.push(...(page.issues ?? []).map((issue) => this.toIssue(issue)));
      nextPageToken = page.isLast === true ? undefined : page.nextPageToken;
      // A token handed out twice would loop for ever.
      if (nextPageToken && seenTokens.has(nextPageToken)) throw new TrackerError('retry', 'Jira repeated a search page token');
      if (nextPageToken) seenTokens.add(nextPageToken);
    } while (nextPageToken);
    return found;
  }

  /** The id of the project's newest issue created before `before`, as the index knows it; 0 for none. */
  private async newestIssueIdBefore(before: Date, timeZone: string): Promise<number> {
    const jql = `project = ${jqlString(this.config.projectKey)} AND created < ${jqlDate(before, timeZone)} ORDER BY created DESC`;
    const page = await this.http.call<SearchPage>({ method: 'POST', path: '/rest/api/3/search/jql', body: { jql, maxResults: 1 } });
    const id = Number(page.issues?.[0]?.id);
    return Number.isSafeInteger(id) ? id : 0;
  }

  private edit(key: string, fields: Record<string, unknown>): Promise<void> {
    return this.http.call({ method: 'PUT', path: `/rest/api/3/issue/${encodeURIComponent(key)}`, body: { fields } });
  }

  private async transitions(key: string): Promise<JiraTransition[]> {
    const answer = await this.http.call<{ transitions?: JiraTransition[] }>({
      method: 'GET',
      path: `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`,
      // With the screen's fields, to see whether a transition asks for a resolution.
      query: { expand: 'transitions.fields' },
    });
    return answer.transitions ?? [];
  }

  private transition(key: string, body: Record<string, unknown>): Promise<void> {
    return this.http.call({ method: 'POST', path: `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, body });
  }

  /**
   * Adds a comment, unless the issue's latest comment is already this one by the bot: a close or
   * reopen retried after its answer was lost then does not say it twice.
   */
  private async commentOnce(key: string, text: string): Promise<void> {
    if (text.trim() === '') return;
    const body = adfFromText(text);
    const me = await this.me();
    const path = `/rest/api/3/issue/${encodeURIComponent(key)}/comment`;
    const latest = await this.http.call<{ comments?: Array<{ author?: { accountId?: string }; body?: unknown }> }>({
      method: 'GET',
      path,
      query: { orderBy: '-created', maxResults: 1 },
    });
    const last = latest.comments?.[0];
    if (last && last.author?.accountId === me.accountId && adfToText(last.body) === adfToText(body)) return;
    await this.http.call({ method: 'POST', path, body: { body } });
  }

  // --- reading answers ---------------------------------------------------------------------

  private toIssue(json: JiraIssueJson): TrackerIssue {
    this.noteIssueId(json.id);
    return toTrackerIssue(json, this.config.baseUrl);
  }

  private noteIssueId(id: string | undefined): void {
    const n = Number(id);
    if (Number.isSafeInteger(n) && n > this.highestIssueId) this.highestIssueId = n;
  }

  /** A 400 about the assignee alone: the account is remembered as not assignable for a while. */
  private refusedOnlyAssignee(error: unknown, accountId: string): boolean {
    const fields = refusedFields(error);
    if (fields.length !== 1 || fields[0] !== 'assignee') return false;
    this.unassignable.set(accountId, Date.now() + this.accountCacheMs);
    return true;
  }
}

function statusOf(error: unknown): number | undefined {
  return error instanceof TrackerError ? error.details.status : undefined;
}

function permanent(message: string, cause?: unknown): TrackerError {
  return new TrackerError('permanent', message, cause === undefined ? {} : { status: statusOf(cause), cause });
}
