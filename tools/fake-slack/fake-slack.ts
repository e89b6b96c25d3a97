import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { methodNames, scopesFor } from './slack-reference';
import { UnreadableRequestError, decodeApiRequest, readBody } from './api-request';
import { FaultInjector } from './fault-injector';
import { allMethods } from './methods/all-methods';
import { parseMultipart } from './multipart';
import { RateLimits, type RateLimitSetting } from './rate-limits';
import { ResponseUrls, type ResponseUrlTarget } from './response-urls';
import { SocketModeServer } from './socket-mode';
import { TriggerIds } from './trigger-ids';
import type {
  BotIdentity,
  FakeCall,
  FakeChannel,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakePin,
  FakeUser,
  FakeView,
  Fault,
  Reaction,
  ResponseUrlPost,
  ScheduledMessage,
  SlackObject,
  StateValues,
} from './types';
import { ViewStore } from './view-store';
import { callWebApi } from './web-api';
import { Workspace, type AddChannelOptions, type AddUserOptions, type NewFile } from './workspace';

export interface FakeSlackOptions {
  /** Bot scopes granted to the app; defaults to every bot scope in the reference data. */
  scopes?: string[];
  botToken?: string;
  /** The app-level token (`xapp-…`) that opens Socket Mode connections. */
  appToken?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Slack's per-method rate limits on the fake's clock: `'slack'` (the default) keeps to Slack's
   * documented minimums, `{ scale: 100 }` allows a hundred times as much, `'off'` none at all.
   */
  rateLimits?: RateLimitSetting;
}

const TEAM_ID = 'T0000TEST';
const TEAM_NAME = 'Fake Workspace';
const TEAM_DOMAIN = 'fake';
/** Slack's app-level tokens read `xapp-<version>-<app id>-<number>-<secret>`. */
const DEFAULT_APP_TOKEN = 'xapp-1-A0APP0001-1-fakeapptoken';
const DEFAULT_BOT: BotIdentity = { userId: 'U0BOT0001', botId: 'B0BOT0001', appId: 'A0APP0001', name: 'incident-bot' };

function allBotScopes(): string[] {
  return [...new Set(methodNames().flatMap((method) => scopesFor(method) ?? []))].sort();
}

/**
 * A Slack workspace and Web API in one local HTTP server. The app under test talks to it through
 * its ordinary WebClient (`slackApiUrl: slack.apiUrl`); tests arrange people and channels, act
 * through SlackDriver, and read back what a person would see in Slack.
 */
export class FakeSlack {
  readonly teamId = TEAM_ID;
  readonly teamDomain = TEAM_DOMAIN;
  readonly bot: BotIdentity = { ...DEFAULT_BOT };
  readonly botToken: string;
  readonly appToken: string;
  /** Socket Mode: connections the app opened with `apps.connections.open`, and the envelopes sent on them. */
  readonly socketMode: SocketModeServer;
  readonly scopes: ReadonlySet<string>;
  /** Every Web API call received, failed ones included, oldest first. */
  readonly calls: FakeCall[] = [];

  private readonly ws: Workspace;
  private readonly viewStore: ViewStore;
  private readonly triggers: TriggerIds;
  private readonly responseUrls: ResponseUrls;
  private readonly faults = new FaultInjector();
  private readonly rateLimits: RateLimits;
  private clock: () => number = Date.now;
  private server: Server | undefined;
  private port = 0;

  private constructor(options: FakeSlackOptions) {
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.appToken = options.appToken ?? DEFAULT_APP_TOKEN;
    this.scopes = new Set(options.scopes ?? allBotScopes());
    this.rateLimits = new RateLimits(options.rateLimits ?? 'slack');
    const now = (): number => this.clock();
    this.ws = new Workspace(TEAM_ID, TEAM_NAME, TEAM_DOMAIN, this.bot, now, () => this.baseUrl);
    this.viewStore = new ViewStore(this.ws);
    this.triggers = new TriggerIds(now);
    this.responseUrls = new ResponseUrls(this.ws);
    this.socketMode = new SocketModeServer(this.bot.appId, () => this.baseUrl, this.ws.problems);
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const slack = new FakeSlack(options);
    await slack.listen(options.port ?? 0);
    return slack;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What WebClient's `slackApiUrl` expects, trailing slash included. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // Upgraded WebSocket connections are no longer the HTTP server's to close.
    await this.socketMode.close();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive connections from the app's HTTP client would otherwise hold close() open.
      server.closeAllConnections();
    });
  }

  // Clock -------------------------------------------------------------------------------------

  /** The fake's clock in ms since epoch: message ts, trigger and response_url expiry use it. */
  get now(): number {
    return this.clock();
  }

  setClock(fn: () => number): void {
    this.clock = fn;
  }

  /** Moves the clock forward, e.g. past a trigger_id's 3 seconds, without waiting. */
  advanceClock(ms: number): void {
    const previous = this.clock;
    this.clock = () => previous() + ms;
  }

  // People and conversations -----------------------------------------------------------------

  addUser(options: AddUserOptions): FakeUser {
    return this.ws.addUser(options);
  }

  user(id: string): FakeUser | undefined {
    return this.ws.user(id);
  }

  users(): FakeUser[] {
    return [...this.ws.users.values()];
  }

  addChannel(options: AddChannelOptions): FakeChannel {
    return this.ws.addChannel(options);
  }

  channel(id: string): FakeChannel | undefined {
    return this.ws.channel(id);
  }

  channelByName(name: string): FakeChannel | undefined {
    return this.ws.channelByName(name);
  }

  /** Channels (public, private and group DMs), not the bot's IMs. */
  channels(): FakeChannel[] {
    return [...this.ws.channels.values()].filter((c) => !c.is_im);
  }

  /** The id of the bot's DM with a person, opening it if needed (as conversations.open would). */
  openDm(userId: string): string {
    if (!this.ws.user(userId)) throw new Error(`Unknown user ${userId}`);
    return this.ws.openIm(userId).id;
  }

  /** The bot's IM with a person, if one was opened. */
  imChannel(userId: string): FakeChannel | undefined {
    return this.ws.imOf(userId);
  }

  /** Adds a member without a system message; use SlackDriver.memberJoinedChannel for the event. */
  addMember(channelId: string, userId: string): void {
    const channel = this.requireChannel(channelId);
    if (!this.ws.user(userId)) throw new Error(`Unknown user ${userId}`);
    if (!channel.members.includes(userId)) channel.members.push(userId);
  }

  /** A person joining (or being added to) a channel: membership plus the join message Slack shows. */
  joinChannel(userId: string, channelId: string, options: { inviter?: string } = {}): FakeMessage {
    const channel = this.requireChannel(channelId);
    if (channel.members.includes(userId)) throw new Error(`${userId} is already in ${channelId}`);
    this.addMember(channelId, userId);
    return this.ws.systemMessage(channelId, 'channel_join', userId, `<@${userId}> has joined the channel`, {
      ...(options.inviter ? { inviter: options.inviter } : {}),
    });
  }

  // Messages ---------------------------------------------------------------------------------

  /** A fresh timestamp on the fake's clock, unique among messages, as Slack stamps events. */
  nextTs(): string {
    return this.ws.nextTs();
  }

  /** A person posting in a channel (or thread). Returns the message with its ts. */
  post(userId: string, channelId: string, text: string, options: { threadTs?: string; files?: NewFile[] } = {}): FakeMessage {
    return this.ws.postAsUser(userId, channelId, text, options);
  }

  /** A person writing to the bot in their DM. */
  postToBot(userId: string, text: string, options: { threadTs?: string } = {}): FakeMessage {
    return this.ws.postAsUser(userId, this.ws.openIm(userId).id, text, options);
  }

  /** What the channel shows, oldest first: top-level messages (system ones included), no replies. */
  messages(channelId: string): FakeMessage[] {
    return [...this.ws.topLevel(channelId)];
  }

  /** Top-level messages the bot posted (no system messages such as joins or topic changes). */
  botMessages(channelId: string): FakeMessage[] {
    return this.messages(channelId).filter((m) => m.bot_id === this.bot.botId && m.subtype === undefined);
  }

  /** A thread's replies, oldest first, without the parent. */
  replies(channelId: string, threadTs: string): FakeMessage[] {
    return this.ws.thread(channelId, threadTs).slice(1);
  }

  message(channelId: string, ts: string): FakeMessage | undefined {
    return this.ws.findMessage(channelId, ts);
  }

  /** Messages the bot sent in its DM with the person, oldest first. */
  dm(userId: string): FakeMessage[] {
    const im = this.ws.imOf(userId);
    return im ? this.ws.topLevel(im.id).filter((m) => m.bot_id === this.bot.botId) : [];
  }

  /** Ephemeral messages only this person saw, oldest first, optionally in one channel. */
  ephemerals(userId: string, channelId?: string): FakeEphemeral[] {
    return this.ws.ephemerals.filter((e) => e.user === userId && (channelId === undefined || e.channel === channelId));
  }

  /** A person editing their own message (SlackDriver.messageChanged sends the event). */
  editMessage(channelId: string, ts: string, text: string): { before: FakeMessage; after: FakeMessage } {
    const message = this.requireMessage(channelId, ts);
    const before = structuredClone(message);
    this.ws.editMessage(message, { text }, message.user ?? this.bot.userId);
    return { before, after: message };
  }

  /** A person deleting a message (SlackDriver.messageDeleted sends the event). */
  deleteMessage(channelId: string, ts: string): FakeMessage {
    const message = this.requireMessage(channelId, ts);
    const before = structuredClone(message);
    this.ws.deleteMessage(message);
    return before;
  }

  scheduledMessages(channelId?: string): ScheduledMessage[] {
    return this.ws.scheduled.filter((s) => channelId === undefined || s.channel === channelId);
  }

  /** Posts scheduled messages whose time has come on the fake's clock, as Slack would. */
  deliverScheduledMessages(): FakeMessage[] {
    const due = this.ws.scheduled.filter((s) => s.post_at * 1000 <= this.now).sort((a, b) => a.post_at - b.post_at);
    return due.map((s) => {
      this.ws.scheduled.splice(this.ws.scheduled.indexOf(s), 1);
      return this.ws.appendMessage(s.channel, {
        ...this.ws.botFields(),
        text: s.text,
        ...(s.blocks ? { blocks: s.blocks } : {}),
        ...(s.thread_ts ? { thread_ts: s.thread_ts } : {}),
      });
    });
  }

  // Reactions, pins, files, bookmarks --------------------------------------------------------

  reactionsOn(channelId: string, ts: string): Reaction[] {
    return structuredClone(this.ws.findMessage(channelId, ts)?.reactions ?? []);
  }

  /** A person reacting (SlackDriver.reactionAdded also sends the event). */
  addReaction(userId: string, channelId: string, ts: string, emoji: string): FakeMessage {
    const message = this.requireMessage(channelId, ts);
    this.ws.addReaction(message, userId, emoji.replace(/^:|:$/g, ''));
    return message;
  }

  removeReaction(userId: string, channelId: string, ts: string, emoji: string): FakeMessage {
    const message = this.requireMessage(channelId, ts);
    this.ws.removeReaction(message, userId, emoji.replace(/^:|:$/g, ''));
    return message;
  }

  pins(channelId: string): FakePin[] {
    return this.ws.pins.filter((p) => p.channel === channelId);
  }

  /** Files whose upload was completed, oldest first. */
  files(): FakeFile[] {
    return [...this.ws.files.values()].filter((f) => f.completed);
  }

  /** Any file record, finished or not. */
  file(id: string): FakeFile | undefined {
    return this.ws.files.get(id);
  }

  bookmarks(channelId: string): SlackObject[] {
    return this.ws.bookmarks.filter((b) => b.channel_id === channelId);
  }

  // Views ------------------------------------------------------------------------------------

  /** The person's open modals, bottom first (0 to 3). */
  views(userId: string): FakeView[] {
    return [...this.viewStore.stack(userId)];
  }

  homeView(userId: string): FakeView | undefined {
    return this.viewStore.home(userId);
  }

  view(viewId: string): FakeView | undefined {
    return this.viewStore.get(viewId);
  }

  viewOwner(viewId: string): string | undefined {
    return this.viewStore.ownerOf(viewId);
  }

  /** Errors the app returned with `response_action: "errors"`, shown under the inputs. */
  viewErrors(viewId: string): Record<string, string> | undefined {
    return this.viewStore.viewErrors(viewId);
  }

  /** Applies the app's HTTP answer to a view_submission (see ViewStore.applySubmissionResponse). */
  applyViewResponse(userId: string, viewId: string, body: unknown): void {
    this.viewStore.applySubmissionResponse(userId, viewId, body);
  }

  /** The person closing a modal: it and anything above it go; with clear_on_close, the whole stack. */
  closeView(userId: string, viewId: string): void {
    const view = this.viewStore.get(viewId);
    if (view?.clear_on_close) this.viewStore.clear(userId);
    else this.viewStore.close(userId, viewId);
  }

  /** Records what the person entered in a view's element, as the Slack client keeps it. */
  setViewState(viewId: string, values: StateValues): void {
    const view = this.viewStore.get(viewId);
    if (!view) throw new Error(`No open view ${viewId}`);
    for (const [blockId, actions] of Object.entries(values)) {
      view.state.values[blockId] = { ...(view.state.values[blockId] ?? {}), ...structuredClone(actions) };
    }
  }

  // Interactions -----------------------------------------------------------------------------

  /** A trigger_id for an interaction by this person: valid 3 s on the fake's clock, usable once. */
  issueTriggerId(userId: string): string {
    return this.triggers.issue(userId);
  }

  /** A response_url served by the fake: valid 30 min on the fake's clock, 5 posts. */
  createResponseUrl(target: ResponseUrlTarget): string {
    return `${this.baseUrl}/response/${this.responseUrls.create(target)}`;
  }

  /** Posts received at response URLs, optionally for one URL (its id or the full URL). */
  responses(responseUrlId?: string): ResponseUrlPost[] {
    const id = responseUrlId?.replace(/^.*\/response\//, '');
    return this.responseUrls.posts.filter((p) => id === undefined || p.responseUrlId === id);
  }

  /**
   * Applies a slash command's immediate HTTP answer: Slack shows a non-empty body to the person as
   * an ephemeral message, or in the channel when `response_type` is `in_channel`.
   */
  applyCommandResponse(userId: string, channelId: string, body: unknown): void {
    if (body === undefined || body === null || body === '') return;
    const message: SlackObject = typeof body === 'string' ? { text: body } : (body as SlackObject);
    const answer = this.responseUrls.deliver({ userId, channelId }, message, 'command_response');
    if (answer.status !== 200) this.ws.problems.push(`slash command response refused: ${String(answer.body.error)}`);
  }

  /**
   * What Slack would have refused or shown as a generic error to the person outside Web API calls
   * (bad view_submission answers, slow acknowledgements). Tests can expect it to stay empty.
   */
  get problems(): string[] {
    return this.ws.problems;
  }

  // Calls and faults -------------------------------------------------------------------------

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Forgets recorded calls (state is kept). */
  reset(): void {
    this.calls.length = 0;
  }

  /** Makes the next `times` calls to `method` ('*' for any) fail or stall as described. */
  injectFault(method: string, fault: Fault, options: { times?: number } = {}): void {
    this.faults.inject(method, fault, options.times ?? 1);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Changes the rate limits (see FakeSlackOptions.rateLimits); every budget starts full again. */
  setRateLimits(setting: RateLimitSetting): void {
    this.rateLimits.set(setting);
  }

  /** Calls the rate limits refused with a 429 (injected `rate_limited` faults are not among them). */
  rateLimitedCalls(method?: string): FakeCall[] {
    return this.calls.filter((c) => c.rateLimited === true && (method === undefined || c.method === method));
  }

  // HTTP -------------------------------------------------------------------------------------

  private async listen(port: number): Promise<void> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`fake slack crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    });
    server.on('upgrade', (req, socket, head: Buffer) => {
      if (!this.socketMode.handleUpgrade(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = await readBody(req);
    const [, area, rest] = /^\/([^/]+)\/(.+)$/.exec(url.pathname) ?? [];
    if (area === 'api' && rest && (req.method === 'POST' || req.method === 'GET')) return this.serveApi(decodeURIComponent(rest), url, req, body, res);
    if (area === 'upload' && rest && req.method === 'POST') return this.serveUpload(rest, req, body, res);
    if (area === 'response' && rest && req.method === 'POST') return this.serveResponseUrl(rest, body, res);
    if (area === 'files-pri' && rest && req.method === 'GET') return this.serveFileDownload(rest, req, res);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
  }

  private async serveApi(method: string, url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const at = this.now;
    let request;
    try {
      request = decodeApiRequest(url, req.headers, body);
    } catch (error) {
      if (!(error instanceof UnreadableRequestError)) throw error;
      this.calls.push({ method, args: {}, at, ok: false, error: error.error, status: 200 });
      return sendJson(res, 200, { ok: false, error: error.error });
    }
    const record = (ok: boolean, status: number, error?: string, rateLimited?: true): void => {
      this.calls.push({
        method,
        args: request.args,
        ...(request.token !== undefined ? { token: request.token } : {}),
        at,
        ok,
        status,
        ...(error !== undefined ? { error } : {}),
        ...(rateLimited ? { rateLimited } : {}),
      });
    };

    const fault = this.faults.take(method);
    if (fault?.kind === 'rate_limited') {
      record(false, 429, 'ratelimited');
      return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds) });
    }
    if (fault?.kind === 'http_error') {
      record(false, fault.status, `http_${fault.status}`);
      res.writeHead(fault.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`fake outage (HTTP ${fault.status})`);
      return;
    }
    if (fault?.kind === 'error') {
      record(false, 200, fault.error);
      return sendJson(res, 200, { ok: false, error: fault.error });
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

    const loseAnswer = (status: number): void => {
      record(false, status, `http_${status}`);
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`fake gateway timeout (HTTP ${status})`);
    };

    // Slack counts calls per app: one without the app's token is not charged to it.
    if (request.token === this.botToken || request.token === this.appToken) {
      const channel = typeof request.args.channel === 'string' ? request.args.channel : undefined;
      const verdict = this.rateLimits.take(method, channel, this.now);
      if (!verdict.allowed) {
        // Refused, nothing done; an injected lost answer still decides what the app sees.
        if (fault?.kind === 'answer_lost') return loseAnswer(fault.status);
        record(false, 429, 'ratelimited', true);
        return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(verdict.retryAfterSeconds) });
      }
    }

    const answer = callWebApi(method, request, {
      botToken: this.botToken,
      appToken: this.appToken,
      issueSocketUrl: () => this.socketMode.issueUrl(),
      methods: allMethods,
      ws: this.ws,
      views: this.viewStore,
      triggers: this.triggers,
      scopes: this.scopes,
      baseUrl: this.baseUrl,
    });
    if (fault?.kind === 'answer_lost') return loseAnswer(fault.status);
    const ok = answer.body.ok === true;
    record(ok, 200, ok ? undefined : String(answer.body.error));
    sendJson(res, 200, answer.body, {
      'x-oauth-scopes': (answer.tokenScopes ?? [...this.scopes]).join(','),
      'x-accepted-oauth-scopes': answer.acceptedScopes.join(','),
    });
  }

  /** The upload URL from files.getUploadURLExternal: raw bytes or a multipart form with one file. */
  private serveUpload(fileId: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const file = this.ws.files.get(fileId);
    if (!file || file.completed) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('file not found');
      return;
    }
    let content = body;
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.toLowerCase().startsWith('multipart/form-data')) {
      const parts = parseMultipart(body, contentType);
      const part = parts.find((p) => p.filename !== undefined) ?? parts[0];
      content = part?.data ?? Buffer.alloc(0);
    }
    this.ws.setFileContent(file, content);
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`OK - ${content.length}`);
  }

  private serveResponseUrl(id: string, body: Buffer, res: ServerResponse): void {
    let payload: unknown;
    const text = body.toString('utf8');
    try {
      payload = JSON.parse(text);
    } catch {
      payload = text;
    }
    const answer = this.responseUrls.handle(id, payload);
    sendJson(res, answer.status, answer.body);
  }

  private serveFileDownload(rest: string, req: IncomingMessage, res: ServerResponse): void {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const fileId = /^[^/]+-(F[A-Z0-9]+)\//.exec(rest)?.[1];
    const file = fileId ? this.ws.files.get(fileId) : undefined;
    if (bearer !== this.botToken || !file) {
      // Slack answers unauthorised downloads with its login page rather than an error status.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Sign in to Slack</body></html>');
      return;
    }
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.content.length) });
    res.end(file.content);
  }

  private requireChannel(channelId: string): FakeChannel {
    const channel = this.ws.channel(channelId);
    if (!channel) throw new Error(`Unknown channel ${channelId}`);
    return channel;
  }

  private requireMessage(channelId: string, ts: string): FakeMessage {
    const message = this.ws.findMessage(channelId, ts);
    if (!message) throw new Error(`No message ${ts} in ${channelId}`);
    return message;
  }

}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
