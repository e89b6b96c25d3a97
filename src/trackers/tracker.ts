/**
 * The team's issue tracker (GitHub Issues or Jira Cloud), as action items need it. The domain
 * speaks only this interface; `github/` and `jira/` implement it over each vendor's REST API.
 * Every method throws a `TrackerError` when the tracker refuses or does not answer.
 */
export type TrackerKind = 'github' | 'jira';

/** An issue's state as the bot understands it: open, done, or closed without being done. */
export type IssueState = 'open' | 'done' | 'not_planned';

/** An issue as the bot knows it after a call, a webhook or a poll. */
export interface TrackerIssue {
  /** The key the API addresses it by: GitHub's issue number (`"12"`), Jira's key (`"OPS-12"`). */
  key: string;
  /** What people see: `acme/incidents#12`, `OPS-12`. */
  label: string;
  /** The issue's page. */
  url: string;
  state: IssueState;
  /** The tracker account it is assigned to (GitHub login, Jira accountId), or null. */
  assignee: string | null;
  /** Jira's due date (`yyyy-MM-dd`); GitHub has none (the body says it), so null. */
  dueDate: string | null;
  /** The item marker found in the issue (see `itemMarker`), or null for an issue the bot did not file. */
  marker: string | null;
  updatedAt: Date;
}

/** One issue change a webhook reported, already verified as sent by the tracker. */
export interface IssueChange {
  issue: TrackerIssue;
  /** Who made the change, as people know them in the tracker (`@dana` / `Dana Scully`). */
  actorName: string | null;
  /** The change was made with the bot's own credentials: never echoed back. */
  byBot: boolean;
}

/** A webhook request as it arrived: headers in lower case, and the exact body bytes the signature covers. */
export interface WebhookRequest {
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** What a webhook said: forged or unsigned (refused), something the bot ignores, or issue changes. */
export type WebhookReading = { kind: 'forged'; reason: string } | { kind: 'ignored'; reason: string } | { kind: 'changes'; changes: IssueChange[] };

/** One line of an issue's body: `label: text`, linked when it has a URL. Adapters render them (Markdown, ADF). */
export interface IssueLine {
  label: string;
  text: string;
  url?: string;
}

/** What the bot files for an action item. */
export interface IssueContent {
  title: string;
  lines: IssueLine[];
  /** Identifies the item in the issue, so a create whose answer was lost is found instead of repeated. */
  marker: string;
  labels: string[];
  /** `yyyy-MM-dd`: Jira's due date; GitHub shows it in the body. */
  dueDate: string;
  /** The tracker account to assign, or null when the owner has none there. */
  assignee: string | null;
}

/** The fields the bot keeps in step after filing: the owner, the due date and the body that states them. */
export interface IssueUpdate {
  assignee?: string | null;
  dueDate?: string;
  content?: IssueContent;
}

export interface Tracker {
  readonly kind: TrackerKind;
  /** `GitHub`, `Jira`: how messages name it ("closed in GitHub by …"). */
  readonly name: string;
  /** Start-up: the credentials work and the repository or project exists; says where issues go. */
  check(): Promise<{ where: string; account: string }>;
  /** The person's tracker account, from the mapping file or their email; null when none is found or it cannot be assigned. */
  accountFor(person: { slackUserId: string; email: string | null }): Promise<string | null>;
  /** The bot's issue carrying `marker`, created at or after `since`: a create whose answer was lost. */
  findByMarker(marker: string, since: Date): Promise<TrackerIssue | undefined>;
  create(content: IssueContent): Promise<TrackerIssue>;
  get(key: string): Promise<TrackerIssue>;
  update(key: string, change: IssueUpdate): Promise<TrackerIssue>;
  /** Closes as done (GitHub `completed`) or not planned (GitHub `not_planned`, Jira's won't-do), with a comment. */
  close(key: string, state: 'done' | 'not_planned', comment: string): Promise<TrackerIssue>;
  reopen(key: string, comment: string): Promise<TrackerIssue>;
  /** The bot's issues updated at or after `since`, for the poll that catches missed webhooks. */
  changedSince(since: Date): Promise<TrackerIssue[]>;
  /** Verifies a webhook's signature and reads the issue changes it reports. */
  readWebhook(request: WebhookRequest): WebhookReading;
}

/** The marker the bot puts in each item's issue. */
export function itemMarker(itemId: string): string {
  return `incident-bot:action-item:${itemId}`;
}

/** The item an issue's marker names, or null. */
export function itemIdOfMarker(marker: string | null): string | null {
  const match = marker ? /^incident-bot:action-item:([0-9a-f-]{36})$/.exec(marker) : null;
  return match?.[1] ?? null;
}
