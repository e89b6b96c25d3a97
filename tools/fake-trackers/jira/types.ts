/**
 * The shapes a test hands to the fake Jira and reads back from it. Inputs are small (ids and names
 * are generated when left out); records are plain data, never the fake's live objects.
 */

/** Jira's status categories, by their stable key (the name and id are fixed per key). */
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

/** An Atlassian Document Format document; `checkAdf` says whether one is well formed. */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export interface AdfNode {
  type: string;
  content?: AdfNode[];
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export interface UserInput {
  /** Defaults to a generated id in the style of Atlassian's 24-character account ids. */
  accountId?: string;
  displayName: string;
  emailAddress: string;
  /** False when the person's profile visibility hides their email from other users. Default true. */
  emailVisible?: boolean;
  active?: boolean;
  /** False for someone who may not be assigned issues (no *Assignable user* permission). Default true. */
  assignable?: boolean;
  /** The zone JQL dates are read in when this person searches. Default `UTC`. */
  timeZone?: string;
  /** Set for an account that calls the API: Basic auth is `emailAddress:apiToken`. */
  apiToken?: string;
  /** Without *Browse users and groups*, user search answers an empty list, as Jira does. Default true. */
  canBrowseUsers?: boolean;
}

export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  emailVisible: boolean;
  active: boolean;
  assignable: boolean;
  timeZone: string;
  apiToken?: string;
  canBrowseUsers: boolean;
}

export interface StatusInput {
  id: string;
  name: string;
  category: StatusCategoryKey;
  /** Resolution set on entering a done-category status without a screen. Default `Done`. */
  resolution?: string;
}

export interface TransitionInput {
  id: string;
  name: string;
  /** The destination status id. */
  to: string;
  /** Status ids it leaves from; left out, it is a global transition (from every other status). */
  from?: string[];
  /** A screen asking for the resolution, as many "Done" transitions have. */
  resolutionScreen?: 'required' | 'optional';
}

export interface WorkflowInput {
  statuses: StatusInput[];
  transitions: TransitionInput[];
  /** Status of a new issue; defaults to the first status. */
  initialStatusId?: string;
}

export interface ProjectInput {
  key: string;
  id?: string;
  name?: string;
  issueTypes?: Array<{ id?: string; name: string; subtask?: boolean }>;
  components?: Array<{ id?: string; name: string }>;
  /** Account id of the project lead; defaults to the first user. */
  leadAccountId?: string;
  /** Fields this project's create screen requires beyond project, issue type and summary (e.g. `duedate`). */
  requiredFields?: string[];
  /** Defaults to the site's workflow. */
  workflow?: WorkflowInput;
}

export interface FakeJiraOptions {
  /** People on the site. If none has an `apiToken`, a bot account is added (see `FakeJira.account`). */
  users?: UserInput[];
  /** Defaults to one project, OPS, with Task/Bug/Sub-task and two components. */
  projects?: ProjectInput[];
  /** The workflow projects use unless they bring their own. */
  workflow?: WorkflowInput;
  /** Time on the site (created, updated, webhook timestamps); structurally the bot's `Clock`. */
  clock?: { now(): Date };
  /**
   * `immediate` (default): search sees every change at once. `manual`: search sees the site as of
   * the last `indexSearch()` call, except issues named in `reconcileIssues`, as Jira's eventually
   * consistent `/search/jql` does.
   */
  searchIndexing?: 'immediate' | 'manual';
  /** How long a webhook receiver may take before the delivery counts as failed. Default 5000 ms. */
  webhookTimeoutMs?: number;
}

/** An issue as a test asserts on it. */
export interface IssueSnapshot {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  summary: string;
  description: AdfDocument | null;
  labels: string[];
  components: string[];
  assigneeAccountId: string | null;
  reporterAccountId: string;
  dueDate: string | null;
  priority: string;
  status: { id: string; name: string; category: StatusCategoryKey };
  resolution: string | null;
  created: Date;
  updated: Date;
  comments: CommentSnapshot[];
}

export interface CommentSnapshot {
  id: string;
  authorAccountId: string;
  body: AdfDocument;
  created: Date;
}

export type FaultKind = 429 | 500 | 503 | 'timeout' | 'reset' | 'lost-answer';

export interface FaultSpec {
  /**
   * 429/500/503 answer at once without touching state. `timeout` never answers (the client gives
   * up), `reset` drops the connection before doing anything, `lost-answer` applies the change and
   * then drops the connection, so the client cannot tell whether it happened.
   */
  status: FaultKind;
  /** `Retry-After` on 429 and 503 (429 defaults to 1). */
  retryAfterSeconds?: number;
  /** How many matching calls fail; default 1. */
  times?: number;
  /** `RateLimit-Reason` on a 429; default `jira-burst-based`. */
  rateLimitReason?: string;
}

export interface RecordedCall {
  /** Undefined for a request that matched no operation of the subset. */
  operationId: string | undefined;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** The parsed JSON body, the raw text if it was not JSON, undefined if empty. */
  body: unknown;
  /** Status sent or that would have been sent (`lost-answer`); 0 when nothing was answered. */
  status: number;
  responseBody: unknown;
  /** The authenticated account, when authentication succeeded. */
  accountId?: string;
  fault?: FaultKind;
  at: Date;
}

export type WebhookEventName = 'jira:issue_created' | 'jira:issue_updated';

export interface WebhookSubscription {
  id: string;
  url: string;
  /** Admin webhooks may have a secret; deliveries then carry `X-Hub-Signature`. */
  secret?: string;
  events: WebhookEventName[];
  /** Only issues matching this JQL (without ORDER BY) are sent, as an admin webhook's filter. */
  jql?: string;
}

export interface WebhookDelivery {
  /** `X-Atlassian-Webhook-Identifier`: the same on every redelivery of one event. */
  identifier: string;
  subscriptionId: string;
  url: string;
  event: WebhookEventName;
  /** The exact bytes sent (or that would have been sent, if dropped). */
  body: string;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
  /** Redelivery count, as `X-Atlassian-Webhook-Retry`. */
  retry: number;
  dropped: boolean;
  /** Receiver's HTTP status; undefined while in flight, dropped, or failed without one. */
  status?: number;
  error?: string;
}
