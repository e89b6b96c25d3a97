import { randomBytes } from 'node:crypto';
import { actionTs, blockActionEntry, findActionElement, keepsState } from './block-action';
import {
  type FakeChannel,
  type FakeMessage,
  type FakeSlack,
  type FakeView,
  type SlackObject,
  type StateValues,
  messageObject,
} from './index';
import { signatureHeaders } from './slack-signature';
import type { EnvelopeInput } from './socket-mode';
import { type SimpleValue, clientSideProblems, initialStateValues, stateEntry, valuesFor } from './view-values';

interface CommonDriverOptions {
  slack: FakeSlack;
  /** The legacy verification token Slack still puts in payloads. */
  verificationToken?: string;
  /**
   * Wall clock for signature timestamps. It stays real even when the fake's clock is moved,
   * because the app checks signatures against its own clock.
   */
  now?: () => number;
  /** How long Slack waits for an acknowledgement before showing the person an error. */
  ackDeadlineMs?: number;
}

/** Slack POSTing to the app's Request URL, signed with the signing secret. */
export interface HttpDriverOptions extends CommonDriverOptions {
  transport?: 'http';
  /** Where the app listens, e.g. 'http://127.0.0.1:3456'. */
  appUrl: string;
  signingSecret: string;
  /** Request URL path configured for the app; Bolt's default. */
  path?: string;
}

/** Slack sending envelopes over the app's Socket Mode connection (see fake-slack/socket-mode.ts). */
export interface SocketDriverOptions extends CommonDriverOptions {
  transport: 'socket';
  /**
   * How long to wait for an envelope's acknowledgement before reporting it as never given.
   * Longer than Slack's deadline, so a late ack is measured (and reported) rather than lost.
   */
  ackTimeoutMs?: number;
}

export type SlackDriverOptions = HttpDriverOptions | SocketDriverOptions;

/**
 * The app's answer. Over Socket Mode it is shaped like the HTTP one: status 200 once the
 * envelope is acknowledged (0 if it never was), and the ack's payload as the body ('' for an
 * ack without one, as for an empty HTTP response).
 */
export interface DriverResponse {
  status: number;
  /** JSON-parsed when the app answered JSON, else the raw text ('' for an empty ack). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  headers: Record<string, string>;
  elapsedMs: number;
  /** Socket Mode only: the envelope that carried the request. */
  envelopeId?: string;
}

export interface EventDelivery extends DriverResponse {
  eventId: string;
  envelope: SlackObject;
}

export interface InteractionResponse extends DriverResponse {
  payload: SlackObject;
  triggerId?: string;
  responseUrl?: string;
}

export type ActionContainer =
  | { type: 'message'; channel: string; ts: string }
  | { type: 'ephemeral'; channel: string; ts: string }
  | { type: 'view'; viewId: string };

export interface BlockActionInput {
  user: string;
  actionId: string;
  /** Needed only when the action_id appears in more than one block. */
  blockId?: string;
  container: ActionContainer;
  /** What the person picked or typed (see SimpleValue); a button needs nothing. */
  value?: SimpleValue;
  selectedOption?: string;
  selectedOptions?: string[];
  selectedUser?: string;
  selectedUsers?: string[];
  selectedConversation?: string;
  selectedConversations?: string[];
  selectedChannel?: string;
  selectedChannels?: string[];
  selectedDate?: string;
  selectedTime?: string;
  selectedDateTime?: number;
}

/** Slack gives up on an app that has not acknowledged within 3 seconds. */
export const ACK_DEADLINE_MS = 3000;

/** How long a Socket Mode driver waits for an ack before calling it missing. */
export const SOCKET_ACK_TIMEOUT_MS = 10_000;

/**
 * Plays Slack's side towards the app: it sends slash commands, events and interactions to
 * `POST /slack/events`, shaped and signed exactly as Slack sends them, keeps the fake Slack's state
 * in step (reactions added, views closed, messages edited), and applies the app's immediate
 * answers the way Slack's client would (a command's ephemeral reply, a view_submission's
 * response_action). With `transport: 'socket'` the same payloads travel as Socket Mode envelopes
 * on the app's WebSocket connection instead, and their acks are answered like HTTP responses.
 */
export class SlackDriver {
  readonly transport: 'http' | 'socket';
  private readonly http: { appUrl: string; signingSecret: string; path: string } | undefined;
  private readonly slack: FakeSlack;
  private readonly verificationToken: string;
  private readonly wallClock: () => number;
  private readonly ackDeadlineMs: number;
  private readonly ackTimeoutMs: number;

  constructor(options: SlackDriverOptions) {
    this.transport = options.transport ?? 'http';
    this.http =
      options.transport === 'socket'
        ? undefined
        : { appUrl: options.appUrl.replace(/\/$/, ''), signingSecret: options.signingSecret, path: options.path ?? '/slack/events' };
    this.slack = options.slack;
    this.verificationToken = options.verificationToken ?? 'fake-verification-token';
    this.wallClock = options.now ?? Date.now;
    this.ackDeadlineMs = options.ackDeadlineMs ?? ACK_DEADLINE_MS;
    this.ackTimeoutMs = (options.transport === 'socket' ? options.ackTimeoutMs : undefined) ?? SOCKET_ACK_TIMEOUT_MS;
  }

  /** Where the app listens over HTTP; a Socket Mode app has no such address. */
  get appUrl(): string {
    return this.httpTransport().appUrl;
  }

  // Raw requests ----------------------------------------------------------------------------

  /** Posts a body signed as Slack would; override the timestamp or signature to test refusal. */
  async signedPost(
    rawBody: string,
    contentType: string,
    options: { timestampSeconds?: number; signature?: string; headers?: Record<string, string> } = {},
  ): Promise<DriverResponse> {
    const { signingSecret } = this.httpTransport();
    const timestamp = options.timestampSeconds ?? Math.floor(this.wallClock() / 1000);
    const signed = signatureHeaders(signingSecret, timestamp, rawBody);
    if (options.signature !== undefined) signed['x-slack-signature'] = options.signature;
    return this.send(rawBody, { 'content-type': contentType, ...signed, ...options.headers });
  }

  async unsignedPost(rawBody: string, contentType: string, options: { headers?: Record<string, string> } = {}): Promise<DriverResponse> {
    return this.send(rawBody, { 'content-type': contentType, ...options.headers });
  }

  // Slash commands --------------------------------------------------------------------------

  /**
   * A person running a slash command. `text` is what they typed, with mentions already picked
   * (`<@U123|alice>`, `<#C123|ops>`, `<!here>`); like Slack (the command has `should_escape`),
   * the driver sends every other `&`, `<` and `>` as an entity. The app's immediate answer is
   * shown the way Slack shows it (ephemeral by default, in the channel with
   * `response_type: "in_channel"`).
   */
  async command({
    user,
    channel,
    text = '',
    command = '/incident',
  }: {
    user: string;
    channel: string;
    text?: string;
    command?: string;
  }): Promise<InteractionResponse> {
    const person = this.person(user);
    const conversation = this.conversation(channel);
    const triggerId = this.slack.issueTriggerId(user);
    const responseUrl = this.slack.createResponseUrl({ userId: user, channelId: channel });
    const form = {
      token: this.verificationToken,
      team_id: this.slack.teamId,
      team_domain: this.slack.teamDomain,
      channel_id: channel,
      channel_name: commandChannelName(conversation),
      user_id: user,
      user_name: person.name,
      command,
      text: encodeCommandText(text),
      api_app_id: this.slack.bot.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const response = await this.deliver({ type: 'slash_commands', payload: form, acceptsResponsePayload: true }, () =>
      this.signedPost(new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded'),
    );
    this.checkAck(`${command} ${text}`.trim(), response);
    if (response.status === 200) this.slack.applyCommandResponse(user, channel, response.body);
    return { ...response, payload: form, triggerId, responseUrl };
  }

  // Events ----------------------------------------------------------------------------------

  /**
   * Delivers an Events API event in Slack's envelope. Pass the same `eventId` with `retryNum` to
   * imitate a redelivery after the app failed to acknowledge in time.
   */
  async event(
    event: SlackObject,
    options: { eventId?: string; retryNum?: number; retryReason?: string; eventTime?: number } = {},
  ): Promise<EventDelivery> {
    const eventId = options.eventId ?? `Ev0${randomId(9)}`;
    const envelope = {
      token: this.verificationToken,
      team_id: this.slack.teamId,
      context_team_id: this.slack.teamId,
      context_enterprise_id: null,
      api_app_id: this.slack.bot.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: options.eventTime ?? Math.floor(this.slack.now / 1000),
      authorizations: [
        { enterprise_id: null, team_id: this.slack.teamId, user_id: this.slack.bot.userId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(JSON.stringify({ id: eventId, team: this.slack.teamId })).toString('base64url')}`,
    };
    const headers: Record<string, string> = {};
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
    }
    const retry = options.retryNum !== undefined ? { retryAttempt: options.retryNum, retryReason: headers['x-slack-retry-reason'] } : {};
    const response = await this.deliver({ type: 'events_api', payload: envelope, acceptsResponsePayload: false, ...retry }, () =>
      this.signedPost(JSON.stringify(envelope), 'application/json', { headers }),
    );
    return { ...response, eventId, envelope };
  }

  /** A person posted `message` (made with slack.post): the `message` event Slack sends. */
  async messagePosted(message: FakeMessage, options: { eventId?: string } = {}): Promise<EventDelivery> {
    const event: SlackObject = {
      ...messageObject(message),
      channel: message.channel,
      event_ts: message.ts,
      channel_type: channelType(this.conversation(message.channel)),
    };
    if (message.files?.length && !message.subtype) event.subtype = 'file_share';
    return this.event(event, options);
  }

  /** The `app_mention` event for a message that mentions the bot. */
  async appMention(message: FakeMessage, options: { eventId?: string } = {}): Promise<EventDelivery> {
    if (!message.text.includes(`<@${this.slack.bot.userId}>`)) {
      throw new Error(`Slack sends app_mention only for messages containing <@${this.slack.bot.userId}>`);
    }
    const { user, text, ts, team, blocks, client_msg_id: clientMsgId, thread_ts: threadTs } = message;
    return this.event(
      {
        type: 'app_mention',
        user,
        text,
        ts,
        team,
        ...(blocks ? { blocks } : {}),
        ...(clientMsgId ? { client_msg_id: clientMsgId } : {}),
        ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
        channel: message.channel,
        event_ts: ts,
      },
      options,
    );
  }

  /** A person edits their message: the fake changes, then Slack's `message_changed` event. */
  async messageChanged(channel: string, ts: string, text: string): Promise<EventDelivery> {
    const { before, after } = this.slack.editMessage(channel, ts, text);
    const eventTs = this.slack.nextTs();
    return this.event({
      type: 'message',
      subtype: 'message_changed',
      message: messageObject(after),
      previous_message: messageObject(before),
      channel,
      hidden: true,
      ts: eventTs,
      event_ts: eventTs,
      channel_type: channelType(this.conversation(channel)),
    });
  }

  /** A person deletes a message: the fake changes, then Slack's `message_deleted` event. */
  async messageDeleted(channel: string, ts: string): Promise<EventDelivery> {
    const before = this.slack.deleteMessage(channel, ts);
    const eventTs = this.slack.nextTs();
    return this.event({
      type: 'message',
      subtype: 'message_deleted',
      previous_message: messageObject(before),
      channel,
      hidden: true,
      deleted_ts: ts,
      ts: eventTs,
      event_ts: eventTs,
      channel_type: channelType(this.conversation(channel)),
    });
  }

  async reactionAdded(user: string, channel: string, ts: string, emoji: string): Promise<EventDelivery> {
    const message = this.slack.addReaction(user, channel, ts, emoji);
    return this.event(this.reactionEvent('reaction_added', user, message, emoji));
  }

  async reactionRemoved(user: string, channel: string, ts: string, emoji: string): Promise<EventDelivery> {
    const message = this.slack.removeReaction(user, channel, ts, emoji);
    return this.event(this.reactionEvent('reaction_removed', user, message, emoji));
  }

  /** A person opens the app's Home tab (or its Messages tab with `tab: 'messages'`). */
  async appHomeOpened(user: string, options: { tab?: 'home' | 'messages' } = {}): Promise<EventDelivery> {
    this.person(user);
    const tab = options.tab ?? 'home';
    const home = this.slack.homeView(user);
    return this.event({
      type: 'app_home_opened',
      user,
      channel: this.slack.openDm(user),
      tab,
      event_ts: this.slack.nextTs(),
      ...(tab === 'home' && home ? { view: structuredClone(home) } : {}),
    });
  }

  /** A person joins (or is added to) a channel: membership, the join message, then the event. */
  async memberJoinedChannel(user: string, channel: string, options: { inviter?: string } = {}): Promise<EventDelivery> {
    const conversation = this.conversation(channel);
    const joinMessage = this.slack.joinChannel(user, channel, options);
    return this.event({
      type: 'member_joined_channel',
      user,
      channel,
      channel_type: conversation.is_private ? 'G' : 'C',
      team: this.slack.teamId,
      ...(options.inviter ? { inviter: options.inviter } : {}),
      event_ts: joinMessage.ts,
    });
  }

  // Interactivity ---------------------------------------------------------------------------

  /**
   * A person clicks a button or changes a select, picker or dispatching input. The element must
   * exist in the message or view, as it would have to on screen; in a view, what the person chose
   * is kept in the view's state like Slack's client does.
   */
  async blockAction(input: BlockActionInput): Promise<InteractionResponse> {
    const user = this.person(input.user);
    const triggerId = this.slack.issueTriggerId(input.user);
    const base = {
      type: 'block_actions',
      user: this.userRef(input.user, user.name),
      api_app_id: this.slack.bot.appId,
      token: this.verificationToken,
      trigger_id: triggerId,
      team: { id: this.slack.teamId, domain: this.slack.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
    };
    let payload: SlackObject;
    let responseUrl: string | undefined;
    const container = input.container;
    if (container.type === 'view') {
      const view = this.openView(input.user, container.viewId);
      const { block, element } = findActionElement(view.blocks, input.actionId, input.blockId, `view ${view.id}`);
      const action = blockActionEntry(block, element, chosenValue(input), this.slack.now);
      if (keepsState(element)) {
        this.slack.setViewState(view.id, { [block.block_id]: { [element.action_id]: stateEntry(element, chosenValue(input) ?? null) } });
      }
      payload = {
        ...base,
        container: { type: 'view', view_id: view.id },
        view: structuredClone(this.slack.view(view.id)),
        actions: [action],
      };
    } else {
      const conversation = this.conversation(container.channel);
      const ephemeral = container.type === 'ephemeral';
      const blocks = ephemeral ? this.ephemeralAt(input.user, container.channel, container.ts).blocks : this.messageAt(container.channel, container.ts).blocks;
      const where = `${ephemeral ? 'ephemeral ' : ''}message ${container.ts}`;
      const { block, element } = findActionElement(blocks ?? [], input.actionId, input.blockId, where);
      const action = blockActionEntry(block, element, chosenValue(input), this.slack.now);
      responseUrl = this.slack.createResponseUrl({
        userId: input.user,
        channelId: container.channel,
        ...(ephemeral ? { ephemeralTs: container.ts } : { messageTs: container.ts }),
      });
      payload = {
        ...base,
        container: { type: 'message', message_ts: container.ts, channel_id: container.channel, is_ephemeral: ephemeral },
        channel: { id: conversation.id, name: conversationName(conversation) },
        ...(ephemeral ? {} : { message: messageObject(this.messageAt(container.channel, container.ts)) }),
        state: { values: {} },
        response_url: responseUrl,
        actions: [action],
      };
    }
    const response = await this.postPayload(payload);
    this.checkAck(`block action ${input.actionId}`, response);
    return { ...response, payload, triggerId, ...(responseUrl ? { responseUrl } : {}) };
  }

  /**
   * A person submits the top modal of their stack. `values` (full state entries) and `fields`
   * (simple answers, see valuesFor) override what the view already holds (its initial_* values
   * and earlier block actions). Slack's client refuses to submit empty required inputs and the like;
   * so does this, by throwing. The app's answer is applied to the person's modal stack.
   */
  async submitView({
    user,
    viewId,
    values = {},
    fields = {},
  }: {
    user: string;
    viewId: string;
    values?: StateValues;
    fields?: Record<string, SimpleValue>;
  }): Promise<InteractionResponse> {
    const person = this.person(user);
    const view = this.openView(user, viewId);
    const stack = this.slack.views(user);
    if (stack[stack.length - 1]?.id !== viewId) throw new Error(`View ${viewId} is not the top of ${user}'s modal stack`);
    if (view.type !== 'modal' || !view.submit) throw new Error(`View ${viewId} has no submit button`);

    const state = mergeState(initialStateValues(view), view.state.values, values, valuesFor(view, fields));
    const problems = clientSideProblems(view, state);
    if (problems.length > 0) throw new Error(`Slack would not submit view ${viewId}: ${problems.join('; ')}`);
    this.slack.setViewState(viewId, state);

    const triggerId = this.slack.issueTriggerId(user);
    const payload = {
      type: 'view_submission',
      team: { id: this.slack.teamId, domain: this.slack.teamDomain },
      user: this.userRef(user, person.name),
      api_app_id: this.slack.bot.appId,
      token: this.verificationToken,
      trigger_id: triggerId,
      view: structuredClone(this.slack.view(viewId)),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const response = await this.postPayload(payload);
    this.checkAck(`view_submission of ${view.callback_id || viewId}`, response);
    if (response.status === 200) this.slack.applyViewResponse(user, viewId, response.body);
    return { ...response, payload, triggerId };
  }

  /**
   * A person closes a modal (its close button or X). Slack tells the app only when the view asked
   * with `notify_on_close`; otherwise nothing is sent and undefined is returned.
   */
  async closeView({ user, viewId }: { user: string; viewId: string }): Promise<InteractionResponse | undefined> {
    const person = this.person(user);
    const view = structuredClone(this.openView(user, viewId));
    this.slack.closeView(user, viewId);
    if (!view.notify_on_close) return undefined;
    const payload = {
      type: 'view_closed',
      team: { id: this.slack.teamId, domain: this.slack.teamDomain },
      user: this.userRef(user, person.name),
      api_app_id: this.slack.bot.appId,
      token: this.verificationToken,
      view,
      is_cleared: view.clear_on_close,
      is_enterprise_install: false,
      enterprise: null,
    };
    const response = await this.postPayload(payload);
    this.checkAck(`view_closed of ${view.callback_id || viewId}`, response);
    return { ...response, payload };
  }

  /** A person runs the app's message shortcut on a message. */
  async messageShortcut({
    user,
    channel,
    messageTs,
    callbackId,
  }: {
    user: string;
    channel: string;
    messageTs: string;
    callbackId: string;
  }): Promise<InteractionResponse> {
    const person = this.person(user);
    const conversation = this.conversation(channel);
    const message = this.messageAt(channel, messageTs);
    const triggerId = this.slack.issueTriggerId(user);
    const responseUrl = this.slack.createResponseUrl({ userId: user, channelId: channel, messageTs });
    const payload = {
      type: 'message_action',
      token: this.verificationToken,
      action_ts: actionTs(this.slack.now),
      team: { id: this.slack.teamId, domain: this.slack.teamDomain },
      user: this.userRef(user, person.name),
      channel: { id: channel, name: conversationName(conversation) },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: triggerId,
      response_url: responseUrl,
      message_ts: messageTs,
      message: messageObject(message),
    };
    const response = await this.postPayload(payload);
    this.checkAck(`message shortcut ${callbackId}`, response);
    return { ...response, payload, triggerId, responseUrl };
  }

  /** A person runs the app's global shortcut (from the composer or search). */
  async globalShortcut({ user, callbackId }: { user: string; callbackId: string }): Promise<InteractionResponse> {
    const person = this.person(user);
    const triggerId = this.slack.issueTriggerId(user);
    const payload = {
      type: 'shortcut',
      token: this.verificationToken,
      action_ts: actionTs(this.slack.now),
      team: { id: this.slack.teamId, domain: this.slack.teamDomain },
      user: this.userRef(user, person.name),
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: triggerId,
    };
    const response = await this.postPayload(payload);
    this.checkAck(`global shortcut ${callbackId}`, response);
    return { ...response, payload, triggerId };
  }

  /** Slack's handshake when the Request URL is saved in the app's settings (HTTP only). */
  async urlVerification(challenge = randomId(24)): Promise<DriverResponse> {
    const body = JSON.stringify({ token: this.verificationToken, challenge, type: 'url_verification' });
    return this.signedPost(body, 'application/json');
  }

  // Internals -------------------------------------------------------------------------------

  private async postPayload(payload: SlackObject): Promise<DriverResponse> {
    const acceptsResponsePayload = RESPONDING_INTERACTIONS.has(String(payload.type));
    return this.deliver({ type: 'interactive', payload, acceptsResponsePayload }, () => {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return this.signedPost(body, 'application/x-www-form-urlencoded');
    });
  }

  /** Sends over the driver's transport: the HTTP request, or the same payload as an envelope. */
  private async deliver(envelope: EnvelopeInput, overHttp: () => Promise<DriverResponse>): Promise<DriverResponse> {
    if (this.transport === 'http') return overHttp();
    const ack = await this.slack.socketMode.deliver(envelope, this.ackTimeoutMs);
    const payload = ack.payload ?? {};
    const empty = Object.keys(payload).length === 0;
    return {
      status: ack.acknowledged ? 200 : 0,
      body: empty ? '' : payload,
      text: empty ? '' : JSON.stringify(payload),
      headers: {},
      elapsedMs: ack.elapsedMs,
      envelopeId: ack.envelopeId,
    };
  }

  private httpTransport(): { appUrl: string; signingSecret: string; path: string } {
    if (!this.http) throw new Error('This driver speaks Socket Mode: there is no Request URL to POST to');
    return this.http;
  }

  private async send(rawBody: string, headers: Record<string, string>): Promise<DriverResponse> {
    const { appUrl, path } = this.httpTransport();
    const started = Date.now();
    const response = await fetch(`${appUrl}${path}`, { method: 'POST', headers, body: rawBody });
    const text = await response.text();
    const elapsedMs = Date.now() - started;
    const responseHeaders = Object.fromEntries(response.headers.entries());
    let body: unknown = text;
    if ((responseHeaders['content-type'] ?? '').includes('json') && text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, body, text, headers: responseHeaders, elapsedMs };
  }

  /** A late or failed acknowledgement is what the person notices: Slack shows them an error. */
  private checkAck(what: string, response: DriverResponse): void {
    if (this.transport === 'socket' && response.status !== 200) {
      this.slack.problems.push(`${what}: the app never acknowledged envelope ${response.envelopeId}; Slack shows an error`);
      return;
    }
    if (response.elapsedMs > this.ackDeadlineMs) {
      this.slack.problems.push(`${what}: acknowledged after ${response.elapsedMs} ms; Slack gives up after ${this.ackDeadlineMs} ms`);
    }
    if (response.status !== 200) this.slack.problems.push(`${what}: the app answered HTTP ${response.status}; Slack shows an error`);
  }

  private reactionEvent(type: string, user: string, message: FakeMessage, emoji: string): SlackObject {
    return {
      type,
      user,
      reaction: emoji.replace(/^:|:$/g, ''),
      ...(message.user !== undefined ? { item_user: message.user } : {}),
      item: { type: 'message', channel: message.channel, ts: message.ts },
      event_ts: this.slack.nextTs(),
    };
  }

  private userRef(id: string, name: string): SlackObject {
    return { id, username: name, name, team_id: this.slack.teamId };
  }

  private person(userId: string): { name: string } {
    const user = this.slack.user(userId);
    if (!user) throw new Error(`Unknown user ${userId}; add them with slack.addUser first`);
    return user;
  }

  private conversation(channelId: string): FakeChannel {
    const channel = this.slack.channel(channelId);
    if (!channel) throw new Error(`Unknown conversation ${channelId}`);
    return channel;
  }

  private messageAt(channel: string, ts: string): FakeMessage {
    const message = this.slack.message(channel, ts);
    if (!message) throw new Error(`No message ${ts} in ${channel}`);
    return message;
  }

  private ephemeralAt(user: string, channel: string, ts: string): { blocks?: SlackObject[] } {
    const ephemeral = this.slack.ephemerals(user, channel).find((e) => e.ts === ts);
    if (!ephemeral) throw new Error(`${user} has no ephemeral message ${ts} in ${channel}`);
    return ephemeral;
  }

  private openView(user: string, viewId: string): FakeView {
    const view = this.slack.view(viewId);
    if (!view || this.slack.viewOwner(viewId) !== user) throw new Error(`View ${viewId} is not open for ${user}`);
    return view;
  }
}

/** Interactions whose ack can carry an answer Slack uses (a view_submission's response_action, options). */
const RESPONDING_INTERACTIONS = new Set(['view_submission', 'block_suggestion']);

function randomId(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Slash commands name DMs and private channels generically rather than by name. */
function commandChannelName(channel: FakeChannel): string {
  if (channel.is_im) return 'directmessage';
  if (channel.is_mpim) return 'mpdm';
  if (channel.is_private) return 'privategroup';
  return channel.name;
}

function conversationName(channel: FakeChannel): string {
  return channel.is_im ? 'directmessage' : channel.name;
}

function channelType(channel: FakeChannel): string {
  if (channel.is_im) return 'im';
  if (channel.is_mpim) return 'mpim';
  return channel.is_private ? 'group' : 'channel';
}

function chosenValue(input: BlockActionInput): SimpleValue | undefined {
  return (
    input.value ??
    input.selectedOption ??
    input.selectedOptions ??
    input.selectedUser ??
    input.selectedUsers ??
    input.selectedConversation ??
    input.selectedConversations ??
    input.selectedChannel ??
    input.selectedChannels ??
    input.selectedDate ??
    input.selectedTime ??
    input.selectedDateTime
  );
}

function mergeState(...layers: StateValues[]): StateValues {
  const merged: StateValues = {};
  for (const layer of layers) {
    for (const [blockId, actions] of Object.entries(layer)) {
      merged[blockId] = { ...(merged[blockId] ?? {}), ...structuredClone(actions) };
    }
  }
  return merged;
}

/** Slack's own tokens in command text: user and channel mentions, broadcasts, links. */
const SLACK_TOKEN = /<(?:@[UW][A-Z0-9]+(?:\|[^<>]*)?|#C[A-Z0-9]+(?:\|[^<>]*)?|![a-z^]+(?:\|[^<>]*)?|https?:\/\/[^<>|]+(?:\|[^<>]*)?)>/g;

/** Escapes `&`, `<`, `>` outside Slack's tokens, as Slack does before sending command text. */
export function encodeCommandText(text: string): string {
  const escape = (part: string) => part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(SLACK_TOKEN)) {
    out += escape(text.slice(last, match.index)) + match[0];
    last = (match.index ?? 0) + match[0].length;
  }
  return out + escape(text.slice(last));
}
