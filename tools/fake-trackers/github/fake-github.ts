import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultInjector, type FaultOptions } from './fault-injector';
import { issueUrls, type GitHubUrls } from './github-objects';
import { operationSpec } from './github-reference';
import { githubSchemas } from './github-schemas';
import { GitHubState, type AddRepositoryOptions, type AddUserOptions, type IssueRecord, type RepositoryRecord, type StateReason, type UserRecord } from './github-state';
import { addAssignees, addComment, createIssue, removeAssignees, updateIssue, type IssueChange, type IssuePatch, type NewIssue } from './issue-actions';
import type { TokenGrant } from './operations/operation-context';
import { DEFAULT_RATE_LIMITS, RateLimits, type RateResource } from './rate-limits';
import { RestApi, type RecordedCall } from './rest-api';
import { WebhookDeliveries, type SubscribeOptions, type WebhookDelivery, type WebhookSubscription } from './webhook-deliveries';
import { webhookPayload } from './webhook-payload';

/** The token the fake accepts when a test configures none. */
export const DEFAULT_TOKEN = 'ghp_fakeGitHubTokenForTests000000000000';

export interface FakeGitHubOptions {
  /** Accepted tokens; by default one, `DEFAULT_TOKEN`, for a user `postmortem-bot` that sees every repository. */
  tokens?: TokenGrant[];
  users?: AddUserOptions[];
  repositories?: AddRepositoryOptions[];
  /** Where the REST API is served, like GitHub Enterprise's `/api/v3` (the default); '' for the root, like api.github.com. */
  apiPath?: string;
  /** Primary rate limits per user (defaults: core 5000, search 30). */
  rateLimits?: Partial<Record<RateResource, number>>;
  /** Starts the fake's clock at this time and keeps it still until advanced; real time when absent. */
  now?: Date;
}

/** An issue as a person sees it on GitHub, for assertions. */
export interface IssueView {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: StateReason | null;
  labels: string[];
  assignees: string[];
  author: string;
  closedBy: string | null;
  comments: { author: string; body: string }[];
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  htmlUrl: string;
}

/**
 * A GitHub REST API and its webhooks, in process, for tests: it holds repositories, people,
 * issues, labels and comments; routes and checks every call against GitHub's published
 * description (reference/); answers with bodies that validate against it; sends signed webhooks
 * for every change; and fails on demand the ways GitHub does.
 */
export class FakeGitHub {
  /** The API base URL (`GITHUB_API_URL`), e.g. `http://127.0.0.1:43121/api/v3`. */
  readonly url: string;
  /** Where the web pages would be (`html_url`s point here). */
  readonly webUrl: string;
  readonly calls: RecordedCall[] = [];
  /** Things a test should fail on: answers that do not validate, calls the fake cannot answer faithfully. */
  readonly problems: string[] = [];

  private readonly state: GitHubState;
  private readonly tokens: Map<string, TokenGrant>;
  private readonly faults = new FaultInjector();
  private readonly api: RestApi;
  private readonly webhooks = new WebhookDeliveries();
  private readonly sockets = new Set<Socket>();
  private readonly clock: { base?: number; offsetMs: number };
  private readonly callWaiters: { target: string; resolve: (call: RecordedCall) => void }[] = [];

  private constructor(
    private readonly server: Server,
    apiPath: string,
    options: FakeGitHubOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.webUrl = `http://127.0.0.1:${port}`;
    this.url = `${this.webUrl}${apiPath}`;
    this.clock = { ...(options.now ? { base: options.now.getTime() } : {}), offsetMs: 0 };
    this.state = new GitHubState(() => this.now());
    for (const user of options.users ?? []) this.state.addUser(user);
    const grants = options.tokens ?? [{ token: DEFAULT_TOKEN, login: 'postmortem-bot' }];
    this.tokens = new Map(grants.map((g) => [g.token, g]));
    for (const grant of grants) if (!this.state.user(grant.login)) this.state.addUser({ login: grant.login });
    for (const repo of options.repositories ?? []) this.state.addRepository(repo);
    this.api = new RestApi({
      state: this.state,
      urls: this.urls(),
      apiPath,
      tokens: this.tokens,
      faults: this.faults,
      limits: new RateLimits(() => this.now(), { ...DEFAULT_RATE_LIMITS, ...options.rateLimits }),
      calls: this.calls,
      problems: this.problems,
      announce: (changes) => this.announce(changes),
    });
  }

  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const apiPath = (options.apiPath ?? '/api/v3').replace(/\/$/, '');
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const github = new FakeGitHub(server, apiPath, options);
    server.on('connection', (socket) => {
      github.sockets.add(socket);
      socket.on('close', () => github.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      github.api.handle(req, res).then(
        (call) => github.finished(call),
        (error: unknown) => {
          github.problems.push(`the fake GitHub failed: ${(error as Error).stack ?? String(error)}`);
          if (!res.headersSent) res.writeHead(500).end();
        },
      );
    });
    return github;
  }

  /** Closes the server and every connection, including calls held open by a `timeout` fault. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The first configured token (`DEFAULT_TOKEN` unless the test set its own). */
  get token(): string {
    return [...this.tokens.keys()][0]!;
  }

  // ---------------------------------------------------------------- clock

  now(): Date {
    return new Date((this.clock.base ?? Date.now()) + this.clock.offsetMs);
  }

  /** Moves the fake's clock (timestamps, `since`, rate-limit windows) forward. */
  advanceTime(ms: number): void {
    this.clock.offsetMs += ms;
  }

  setTime(at: Date): void {
    this.clock.base = at.getTime();
    this.clock.offsetMs = 0;
  }

  // ---------------------------------------------------------------- people and repositories

  addUser(options: AddUserOptions): UserRecord {
    return this.state.addUser(options);
  }

  user(login: string): UserRecord | undefined {
    return this.state.user(login);
  }

  addRepository(options: AddRepositoryOptions): RepositoryRecord {
    return this.state.addRepository(options);
  }

  /** Label names of a repository, in the order they were created. */
  labels(repo: string): string[] {
    return [...this.state.requireRepository(repo).labels.values()].map((l) => l.name);
  }

  issue(repo: string, number: number): IssueView {
    const record = this.state.requireRepository(repo);
    return this.view(record, this.state.requireIssue(record, number));
  }

  issues(repo: string): IssueView[] {
    const record = this.state.requireRepository(repo);
    return [...record.issues.values()].map((issue) => this.view(record, issue));
  }

  // ---------------------------------------------------------------- a person acting on GitHub

  /** Someone opens an issue on GitHub's web page (webhooks as for the API). */
  createIssueAsUser(repo: string, login: string, input: NewIssue): IssueView {
    const record = this.state.requireRepository(repo);
    const { issue, changes } = createIssue(this.state, record, login, input);
    this.announce(changes);
    return this.view(record, issue);
  }

  editAsUser(repo: string, number: number, login: string, edit: { title?: string; body?: string | null; labels?: string[] }): IssueView {
    return this.personUpdate(repo, number, login, edit);
  }

  closeAsUser(repo: string, number: number, login: string, stateReason: 'completed' | 'not_planned' | 'duplicate' = 'completed'): IssueView {
    return this.personUpdate(repo, number, login, { state: 'closed', stateReason });
  }

  reopenAsUser(repo: string, number: number, login: string): IssueView {
    return this.personUpdate(repo, number, login, { state: 'open' });
  }

  /** Adds assignees (each must be assignable in the repository). */
  assignAsUser(repo: string, number: number, login: string, assignees: string[]): IssueView {
    const record = this.state.requireRepository(repo);
    const refused = assignees.filter((a) => !this.state.canBeAssigned(record, a));
    if (refused.length > 0) throw new Error(`${refused.join(', ')} cannot be assigned in ${repo}`);
    const issue = this.state.requireIssue(record, number);
    this.announce(addAssignees(this.state, record, issue, login, assignees));
    return this.view(record, issue);
  }

  unassignAsUser(repo: string, number: number, login: string, assignees: string[]): IssueView {
    const record = this.state.requireRepository(repo);
    const issue = this.state.requireIssue(record, number);
    this.announce(removeAssignees(this.state, record, issue, login, assignees));
    return this.view(record, issue);
  }

  commentAsUser(repo: string, number: number, login: string, body: string): IssueView {
    const record = this.state.requireRepository(repo);
    const issue = this.state.requireIssue(record, number);
    this.announce(addComment(this.state, record, issue, login, body).changes);
    return this.view(record, issue);
  }

  // ---------------------------------------------------------------- faults

  /** The next call(s) to `operationId` (or to any operation, with 'any') fail as described. */
  injectFault(target: string, options: FaultOptions): void {
    if (target !== 'any' && !operationSpec(target)) throw new Error(`no operation ${target} in the GitHub reference data`);
    this.faults.inject(target, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---------------------------------------------------------------- webhooks

  /** A repository webhook (for every repository unless `repositories` is given). */
  subscribe(url: string, secret?: string, options?: SubscribeOptions): WebhookSubscription {
    return this.webhooks.subscribe(url, secret, options);
  }

  unsubscribe(hookId: number): void {
    this.webhooks.unsubscribe(hookId);
  }

  /** Every delivery attempt so far, redeliveries included, oldest first. */
  get deliveries(): readonly WebhookDelivery[] {
    return this.webhooks.all;
  }

  /** The next `count` webhooks are lost on the way (recorded as `dropped`, never sent). */
  dropWebhooks(count: number): void {
    this.webhooks.drop(count);
  }

  /** Sends a delivery again, same GUID and body; resolves with the new attempt once answered. */
  redeliver(guid: string): Promise<WebhookDelivery> {
    return this.webhooks.redeliver(guid);
  }

  /** Resolves once every webhook caused so far has been answered by its receiver (or failed). */
  async webhooksDelivered(): Promise<readonly WebhookDelivery[]> {
    await this.webhooks.settled();
    return this.webhooks.all;
  }

  // ---------------------------------------------------------------- calls

  callsTo(operationId: string): RecordedCall[] {
    return this.calls.filter((c) => c.operationId === operationId);
  }

  /**
   * Resolves with the next call to `operationId` ('any' for any call) that the fake finishes with
   * from now on: answered, or failed by a fault (a `timeout` call is finished when the fake has
   * decided never to answer it). The exact point to act on a call in flight, e.g. to give up on it.
   */
  nextCall(operationId: string): Promise<RecordedCall> {
    return new Promise((resolve) => this.callWaiters.push({ target: operationId, resolve }));
  }

  // ---------------------------------------------------------------- internals

  /** Tells those waiting in nextCall() about a call the fake has finished with. */
  private finished(call: RecordedCall): void {
    for (let i = 0; i < this.callWaiters.length; i += 1) {
      const waiter = this.callWaiters[i]!;
      if (waiter.target !== 'any' && waiter.target !== call.operationId) continue;
      this.callWaiters.splice(i, 1);
      i -= 1;
      waiter.resolve(call);
    }
  }

  private urls(): GitHubUrls {
    return { api: this.url, web: this.webUrl };
  }

  private view(repo: RepositoryRecord, issue: IssueRecord): IssueView {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      stateReason: issue.stateReason,
      labels: [...issue.labels],
      assignees: [...issue.assignees],
      author: issue.author,
      closedBy: issue.closedBy,
      comments: issue.comments.map((c) => ({ author: c.author, body: c.body })),
      createdAt: issue.createdAt,
      updatedAt: issue.updatedAt,
      closedAt: issue.closedAt,
      htmlUrl: issueUrls(this.urls(), repo, issue.number).web,
    };
  }

  private personUpdate(repo: string, number: number, login: string, patch: IssuePatch): IssueView {
    const record = this.state.requireRepository(repo);
    const issue = this.state.requireIssue(record, number);
    this.announce(updateIssue(this.state, record, issue, login, patch));
    return this.view(record, issue);
  }

  /** Builds each change's payload now (so a later redelivery sends the same bytes) and sends it. */
  private announce(changes: IssueChange[]): void {
    for (const change of changes) {
      const payload = webhookPayload(this.urls(), this.state, change);
      const problems = githubSchemas().webhook(change.event, change.action, payload);
      if (!problems) continue; // an event the reference data does not describe is not sent
      if (problems.length > 0) this.problems.push(`${change.event} ${change.action} webhook does not validate: ${problems.map((p) => p.message).join('; ')}`);
      this.webhooks.emit(change.event, change.action, change.repo.fullName, change.repo.id, payload);
    }
  }
}
