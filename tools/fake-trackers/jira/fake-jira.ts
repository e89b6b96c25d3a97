import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adfFromText } from './adf';
import { FaultQueue } from './fault-queue';
import { faultAnswer } from './fault-answer';
import { BodyTooLargeError, queryRecord, readBody, sendAnswer } from './http-exchange';
import { issueSnapshot } from './issue-snapshot';
import { JiraError } from './jira-error';
import { checkResponse, checkWebhookPayload, routeRequest, type Operation } from './jira-reference';
import { JiraSite } from './jira-site';
import type { ViewContext } from './jira-views';
import { compileJql } from './jql-search';
import { OPERATION_HANDLERS, type OperationAnswer } from './operations';
import { authenticate, readRequest } from './request-gate';
import type { IssueChange, IssueRecord } from './site-records';
import type {
  AdfDocument,
  CommentSnapshot,
  FakeJiraOptions,
  FaultSpec,
  IssueSnapshot,
  JiraUser,
  ProjectInput,
  RecordedCall,
  UserInput,
  WebhookDelivery,
  WebhookEventName,
  WebhookSubscription,
} from './types';
import { WebhookDispatcher } from './webhook-dispatcher';
import { webhookPayload } from './webhook-payload';
import { DEFAULT_WORKFLOW } from './workflow';

const DEFAULT_ACCOUNT: UserInput = {
  displayName: 'Incident Bot',
  emailAddress: 'incident-bot@example.com',
  apiToken: 'test-api-token',
};

const DEFAULT_PROJECT: ProjectInput = {
  key: 'OPS',
  id: '10001',
  name: 'Operations',
  components: [
    { id: '10100', name: 'Backend' },
    { id: '10101', name: 'Frontend' },
  ],
};

/**
 * A Jira Cloud site and its REST API v3 on one local HTTP server. The bot talks to it with its
 * ordinary HTTP client (`JIRA_BASE_URL = jira.url`, Basic auth with `jira.account`); tests arrange
 * people and projects, act as people in Jira, inject faults, receive signed webhooks, and read back
 * issues. Every call is checked against Atlassian's description in ./reference, and every answer
 * and webhook body against its schema; whatever breaks that contract lands in `problems`.
 */
export class FakeJira {
  /** Every request received, refused and failed ones included, oldest first. */
  readonly calls: RecordedCall[] = [];
  /** Breaches of the contract: calls outside the subset, undocumented answers, invalid bodies. */
  readonly problems: string[] = [];
  /** The account the bot authenticates as: `emailAddress:apiToken` in Basic auth. */
  readonly account: { accountId: string; email: string; apiToken: string };

  private readonly site: JiraSite;
  private readonly webhooks: WebhookDispatcher;
  private readonly faults = new FaultQueue();
  private readonly held = new Set<ServerResponse>();
  private readonly finished = new WeakSet<RecordedCall>();
  private readonly callWaiters: Array<{ operationId: string; nth: number; resolve: (call: RecordedCall) => void }> = [];
  private readonly manualIndex: Map<string, IssueRecord> | undefined;
  private readonly clock: () => number;
  private view: ViewContext | undefined;
  private server: Server | undefined;

  private constructor(options: FakeJiraOptions) {
    this.clock = options.clock ? () => options.clock?.now().getTime() ?? Date.now() : Date.now;
    this.site = new JiraSite(options.workflow ?? DEFAULT_WORKFLOW, this.clock);
    const users = options.users ?? [];
    if (!users.some((u) => u.apiToken !== undefined)) this.site.addUser(DEFAULT_ACCOUNT);
    for (const user of users) this.site.addUser(user);
    for (const project of options.projects ?? [DEFAULT_PROJECT]) this.site.addProject(project);
    const account = [...this.site.users.values()].find((u) => u.apiToken !== undefined);
    if (!account?.apiToken) throw new Error('the fake Jira needs an account with an apiToken');
    this.account = { accountId: account.accountId, email: account.emailAddress, apiToken: account.apiToken };
    this.manualIndex = options.searchIndexing === 'manual' ? new Map() : undefined;
    this.webhooks = new WebhookDispatcher(options.webhookTimeoutMs ?? 5000);
    this.site.onChange = (change) => this.announce(change);
  }

  static async start(options: FakeJiraOptions = {}): Promise<FakeJira> {
    const jira = new FakeJira(options);
    const server = createServer((req, res) => {
      jira.handle(req, res).catch((error: unknown) => {
        jira.problems.push(`the fake Jira failed on ${req.method} ${req.url}: ${String(error)}`);
        res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    jira.server = server;
    jira.view = { site: jira.site, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    return jira;
  }

  /** The site URL, `JIRA_BASE_URL`: API paths start with `/rest/api/3/` under it. */
  get url(): string {
    return this.ctx().baseUrl;
  }

  async stop(): Promise<void> {
    await this.webhooks.close();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const res of this.held) res.destroy();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** `Authorization` header value for an account (default: the bot's). */
  authorization(email = this.account.email, apiToken = this.account.apiToken): string {
    return `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
  }

  // --- the site ---------------------------------------------------------------------------

  addUser(input: UserInput): JiraUser {
    return { ...this.site.addUser(input) };
  }

  user(accountId: string): JiraUser | undefined {
    const user = this.site.user(accountId);
    return user ? { ...user } : undefined;
  }

  userByEmail(email: string): JiraUser | undefined {
    const user = [...this.site.users.values()].find((u) => u.emailAddress.toLowerCase() === email.toLowerCase());
    return user ? { ...user } : undefined;
  }

  addProject(input: ProjectInput): { id: string; key: string } {
    const project = this.site.addProject(input);
    return { id: project.id, key: project.key };
  }

  /** An issue as it is now; throws if there is none with that key or id. */
  issue(keyOrId: string): IssueSnapshot {
    return this.snapshot(this.site.requireIssue(keyOrId));
  }

  issues(): IssueSnapshot[] {
    return this.site.issues().map((i) => this.snapshot(i));
  }

  // --- people acting in Jira's web UI (each change sends its webhook) -------------------------

  createIssueAsUser(accountId: string, fields: Record<string, unknown>): IssueSnapshot {
    this.site.requireUser(accountId);
    const project = fields.project ?? { key: this.site.projects[0]?.key };
    const issuetype = fields.issuetype ?? { name: this.site.projects[0]?.issueTypes[0]?.name };
    const description = typeof fields.description === 'string' ? adfFromText(fields.description) : fields.description;
    const issue = this.site.createIssue(accountId, { fields: { ...fields, project, issuetype, ...(description !== undefined ? { description } : {}) } });
    return this.snapshot(issue);
  }

  /** Clicks a transition by its name; throws if it is not offered from the issue's status. */
  transitionAsUser(keyOrId: string, accountId: string, transitionName: string, options: { resolution?: string; comment?: string } = {}): IssueSnapshot {
    this.site.requireUser(accountId);
    const issue = this.site.requireIssue(keyOrId);
    const available = this.site.availableTransitions(issue);
    const transition = available.find((t) => t.name.toLowerCase() === transitionName.toLowerCase());
    if (!transition) {
      throw new Error(`${issue.key} (${this.site.status(issue).name}) offers no '${transitionName}'; it offers ${available.map((t) => `'${t.name}'`).join(', ') || 'nothing'}`);
    }
    this.site.transition(accountId, issue, {
      transition: { id: transition.id },
      ...(options.resolution ? { fields: { resolution: { name: options.resolution } } } : {}),
      ...(options.comment ? { update: { comment: [{ add: { body: adfFromText(options.comment) } }] } } : {}),
    });
    return this.snapshot(issue);
  }

  assignAsUser(keyOrId: string, accountId: string, assigneeAccountId: string | null): IssueSnapshot {
    return this.editAsUser(keyOrId, accountId, { assignee: assigneeAccountId === null ? null : { accountId: assigneeAccountId } });
  }

  setDueDateAsUser(keyOrId: string, accountId: string, dueDate: string | null): IssueSnapshot {
    return this.editAsUser(keyOrId, accountId, { duedate: dueDate });
  }

  /** Edits fields as the edit screen would (`summary`, `labels`, `description` as text or ADF, ...). */
  editAsUser(keyOrId: string, accountId: string, fields: Record<string, unknown>): IssueSnapshot {
    this.site.requireUser(accountId);
    const issue = this.site.requireIssue(keyOrId);
    const description = typeof fields.description === 'string' ? adfFromText(fields.description) : fields.description;
    this.site.editIssue(accountId, issue, { fields: { ...fields, ...(description !== undefined ? { description } : {}) } });
    return this.snapshot(issue);
  }

  commentAsUser(keyOrId: string, accountId: string, body: string | AdfDocument): CommentSnapshot {
    this.site.requireUser(accountId);
    const issue = this.site.requireIssue(keyOrId);
    const comment = this.site.addComment(accountId, issue, typeof body === 'string' ? adfFromText(body) : body);
    return { id: comment.id, authorAccountId: comment.authorId, body: comment.body, created: new Date(comment.created) };
  }

  /** With `searchIndexing: 'manual'`: search now sees the site as it is. */
  indexSearch(): void {
    if (!this.manualIndex) throw new Error("indexSearch() needs searchIndexing: 'manual'");
    for (const issue of this.site.issues()) this.manualIndex.set(issue.id, structuredClone(issue));
  }

  // --- faults ---------------------------------------------------------------------------

  /** Makes the next call(s) to an operation (or to any) fail; see `FaultSpec`. */
  injectFault(operationId: string, fault: FaultSpec): void {
    if (operationId !== 'any' && !(operationId in OPERATION_HANDLERS)) throw new Error(`no operation ${operationId} in the Jira reference`);
    this.faults.inject(operationId, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // --- webhooks -------------------------------------------------------------------------

  /** Registers an admin webhook; with a secret its deliveries carry `X-Hub-Signature`. */
  subscribe(url: string, secret?: string, options: { events?: WebhookEventName[]; jql?: string } = {}): WebhookSubscription {
    if (options.jql !== undefined) compileJql(options.jql, { site: this.site, viewer: this.requireAccount(), now: this.clock() }, { requireBounded: false });
    return { ...this.webhooks.subscribe(url, secret, options) };
  }

  unsubscribe(subscriptionId: string): void {
    this.webhooks.unsubscribe(subscriptionId);
  }

  /** The next `count` deliveries are recorded but never sent, as a delivery Jira gave up on. */
  dropWebhooks(count = 1): void {
    this.webhooks.drop(count);
  }

  get deliveries(): readonly WebhookDelivery[] {
    return this.webhooks.deliveries;
  }

  /** Sends a delivery again (same identifier, `X-Atlassian-Webhook-Retry` one higher). */
  redeliver(identifier: string): WebhookDelivery {
    return this.webhooks.redeliver(identifier);
  }

  /** Resolves once every webhook delivery started so far has been answered or has failed. */
  webhooksDelivered(): Promise<void> {
    return this.webhooks.settled();
  }

  callsTo(operationId: string): RecordedCall[] {
    return this.calls.filter((c) => c.operationId === operationId);
  }

  /**
   * Resolves with the `nth` call (counting from the first, default 1) to an operation once the
   * fake has dealt with it: answered it, dropped it, or started holding it for a `timeout` fault.
   * Counting from the start, not from now, means a call that came before the wait is not missed.
   */
  whenCalled(operationId: string, nth = 1): Promise<RecordedCall> {
    return new Promise((resolve) => {
      this.callWaiters.push({ operationId, nth, resolve });
      this.wakeCallWaiters();
    });
  }

  private wakeCallWaiters(): void {
    for (const waiter of [...this.callWaiters]) {
      const done = this.calls.filter((c) => c.operationId === waiter.operationId && this.finished.has(c));
      const call = done[waiter.nth - 1];
      if (!call) continue;
      this.callWaiters.splice(this.callWaiters.indexOf(waiter), 1);
      waiter.resolve(call);
    }
  }

  // --- internals ------------------------------------------------------------------------

  private ctx(): ViewContext {
    if (!this.view) throw new Error('the fake Jira is not started');
    return this.view;
  }

  private requireAccount(): JiraUser {
    return this.site.requireUser(this.account.accountId);
  }

  private announce(change: IssueChange): void {
    if (!this.view) return;
    const payload = webhookPayload(this.view, change);
    this.problems.push(...checkWebhookPayload(payload));
    const actor = this.site.user(change.actorId) ?? this.requireAccount();
    for (const subscription of this.webhooks.subscriptions) {
      if (!subscription.events.includes(change.event)) continue;
      if (subscription.jql !== undefined) {
        const filter = compileJql(subscription.jql, { site: this.site, viewer: actor, now: change.at }, { requireBounded: false });
        if (!filter.matches(change.issue)) continue;
      }
      this.webhooks.send(subscription, change.event, payload);
    }
  }

  private searchable(reconcileIds: number[]): IssueRecord[] {
    const live = this.site.issues();
    const index = this.manualIndex;
    if (!index) return live;
    return live.flatMap((issue) => (reconcileIds.includes(Number(issue.id)) ? [issue] : (index.get(issue.id) ?? [])));
  }

  private snapshot(issue: IssueRecord): IssueSnapshot {
    return issueSnapshot(this.site, issue);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.ctx().baseUrl);
    const call: RecordedCall = { operationId: undefined, method, path: url.pathname, query: queryRecord(url.searchParams), body: undefined, status: 0, responseBody: undefined, at: new Date(this.clock()) };
    this.calls.push(call);
    try {
      await this.process(req, res, url, call);
    } finally {
      this.finished.add(call);
      this.wakeCallWaiters();
    }
  }

  private async process(req: IncomingMessage, res: ServerResponse, url: URL, call: RecordedCall): Promise<void> {
    const method = call.method;
    let raw = '';
    try {
      raw = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return this.answer(res, call, undefined, { status: 413, body: { errorMessages: [error.message], errors: {} } });
    }
    call.body = raw === '' ? undefined : parseOrRaw(raw);

    const route = routeRequest(method, url.pathname);
    if (!route) {
      this.problems.push(`${method} ${url.pathname} is not an operation of the Jira reference`);
      return this.answer(res, call, undefined, { status: 404, body: { errorMessages: [`No operation ${method} ${url.pathname} in the fake Jira.`], errors: {} } });
    }
    const { operation, pathParams } = route;
    call.operationId = operation.operationId;

    const fault = this.faults.take(operation.operationId);
    if (fault) call.fault = fault.status;
    if (fault?.status === 'reset') return void req.socket.destroy();
    if (fault?.status === 'timeout') {
      // Never answered: the client's own timeout decides; stop() closes it.
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return;
    }
    if (fault && typeof fault.status === 'number') return this.answerFault(res, call, { ...fault, status: fault.status });

    const answer = this.run(operation, pathParams, url.searchParams, req, raw, call);
    if (fault?.status === 'lost-answer') {
      // The change is made; the client never hears so.
      call.status = answer.status;
      call.responseBody = answer.body;
      req.socket.destroy();
      return;
    }
    this.answer(res, call, operation, answer);
  }

  /** Authentication, the reference's checks, then the operation itself. */
  private run(operation: Operation, pathParams: Record<string, string>, query: URLSearchParams, req: IncomingMessage, raw: string, call: RecordedCall): OperationAnswer {
    try {
      const account = authenticate(this.site, req.headers);
      call.accountId = account.accountId;
      const { params, body } = readRequest(operation, pathParams, query, req.headers, raw);
      if (operation.deprecated) this.problems.push(`${operation.operationId} was called: Jira Cloud removed it (410); use /rest/api/3/search/jql`);
      const handler = OPERATION_HANDLERS[operation.operationId];
      if (!handler) throw new Error(`no handler for ${operation.operationId}`);
      return handler({ site: this.site, view: this.ctx(), account, params, body, now: this.clock(), searchable: (ids) => this.searchable(ids) });
    } catch (error) {
      if (error instanceof JiraError) return { status: error.status, body: error.body };
      this.problems.push(`${operation.operationId} failed inside the fake: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { status: 500, body: { errorMessages: ['Internal server error'], errors: {} } };
    }
  }

  private answer(res: ServerResponse, call: RecordedCall, operation: Operation | undefined, answer: OperationAnswer): void {
    call.status = answer.status;
    call.responseBody = answer.body;
    // 410 for the removed search and 415 are Jira's answers but not in the description.
    if (operation && answer.status !== 410 && answer.status !== 415) this.problems.push(...checkResponse(operation, answer.status, answer.body));
    sendAnswer(res, answer.status, answer.body);
  }

  private answerFault(res: ServerResponse, call: RecordedCall, fault: FaultSpec & { status: 429 | 500 | 503 }): void {
    const { status, body, headers } = faultAnswer(fault, this.clock());
    call.status = status;
    call.responseBody = body;
    sendAnswer(res, status, body, headers);
  }
}

function parseOrRaw(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
