import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { SlackObject } from './types';

/**
 * Slack's Socket Mode, as its docs describe it (https://api.slack.com/apis/socket-mode and
 * https://api.slack.com/apis/connections/socket-implement) and as @slack/socket-mode speaks it:
 *
 * 1. the app calls `apps.connections.open` with its app-level token and gets a one-time
 *    `wss://…/link/?ticket=…&app_id=…` URL (here `ws://127.0.0.1:<port>/link/?ticket=…`);
 * 2. it opens a WebSocket there, and Slack greets it with a `hello` message;
 * 3. Slack sends what it would have POSTed to a Request URL as envelopes
 *    `{ envelope_id, type, payload, accepts_response_payload, retry_attempt, retry_reason }`, with
 *    `type` one of `events_api`, `interactive`, `slash_commands`;
 * 4. the app acknowledges each by sending `{ envelope_id, payload? }` back; the payload plays the
 *    part of an HTTP response body (a command's reply, a view_submission's response_action);
 * 5. Slack may ask the app to reconnect with `{ type: 'disconnect', reason }`.
 *
 * With several connections open, Slack hands each envelope to one of them; the fake takes them in turn.
 */

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** Why Slack closes a connection, as its `disconnect` message says. */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: SlackObject;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface EnvelopeInput {
  type: EnvelopeType;
  payload: SlackObject;
  /** Whether Slack uses a payload in the ack (slash commands, view submissions, options loads). */
  acceptsResponsePayload: boolean;
  /** Events only: 0 for a first delivery; a redelivery after a missed ack counts up. */
  retryAttempt?: number;
  retryReason?: string;
}

/** What came back for one envelope. */
export interface EnvelopeAck {
  envelopeId: string;
  /** False when no acknowledgement came within the wait (`ackTimeoutMs`). */
  acknowledged: boolean;
  /** The ack's `payload`, `{}` for a bare `{ envelope_id }`; undefined without an ack. */
  payload?: SlackObject;
  /** From sending the envelope to receiving its ack (or giving up). */
  elapsedMs: number;
}

/** What the fake sends on a new connection; Slack's hello carries the same fields. */
export interface HelloMessage {
  type: 'hello';
  num_connections: number;
  debug_info: { host: string; build_number: number; approximate_connection_time: number };
  connection_info: { app_id: string };
}

interface Pending {
  resolve: (ack: EnvelopeAck) => void;
  sentAt: number;
  timer: NodeJS.Timeout;
}

const HOST = 'applink-fake-1';
/** How long Slack keeps a Socket Mode connection before asking the app to refresh it (~5 h). */
const APPROXIMATE_CONNECTION_TIME_S = 18_060;

/**
 * The WebSocket side of Socket Mode, served on the fake's own port. Tickets are issued by
 * `apps.connections.open` and can be used once; a connection with no valid ticket is refused.
 */
export class SocketModeServer {
  /** Every envelope sent and every message the app sent back, oldest first. */
  readonly envelopes: Envelope[] = [];
  readonly received: unknown[] = [];

  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly open: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly acked = new Set<string>();
  private readonly connectionWaiters: Array<() => void> = [];
  private turn = 0;

  constructor(
    private readonly appId: string,
    private readonly baseUrl: () => string,
    private readonly problems: string[],
  ) {}

  /** `apps.connections.open`'s answer: a fresh one-time URL to connect to. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.baseUrl().replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** Connections open now. */
  get connections(): number {
    return this.open.filter((c) => c.readyState === c.OPEN).length;
  }

  /** Resolves once at least one connection is open (at once if one is). */
  connected(): Promise<void> {
    if (this.open.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  /** Takes an HTTP upgrade for `/link/`; returns false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/link/' && url.pathname !== '/link') return false;
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    return true;
  }

  /**
   * Sends an envelope to the app over one of its connections and resolves with its ack, or
   * unacknowledged after `timeoutMs`.
   */
  deliver(input: EnvelopeInput, timeoutMs: number): Promise<EnvelopeAck> {
    // A connection the app is closing (a restart, a refresh) no longer gets envelopes.
    const usable = this.open.filter((c) => c.readyState === c.OPEN);
    const ws = usable[this.turn++ % Math.max(usable.length, 1)];
    if (!ws) throw new Error('No Socket Mode connection is open: start the app in Socket Mode first');
    const envelope: Envelope = {
      envelope_id: randomUUID(),
      type: input.type,
      payload: input.payload,
      accepts_response_payload: input.acceptsResponsePayload,
      ...(input.type === 'events_api' ? { retry_attempt: input.retryAttempt ?? 0, retry_reason: input.retryReason ?? '' } : {}),
    };
    this.envelopes.push(envelope);
    const id = envelope.envelope_id;
    return new Promise((resolve) => {
      const sentAt = Date.now();
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ envelopeId: id, acknowledged: false, elapsedMs: Date.now() - sentAt });
      }, timeoutMs);
      this.pending.set(id, { resolve, sentAt, timer });
      ws.send(JSON.stringify(envelope));
    });
  }

  /** Slack asking the app to reconnect: it sends `disconnect`, and closes the link after. */
  disconnectAll(reason: DisconnectReason): void {
    for (const ws of this.open) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: HOST } }));
  }

  /** Drops every connection at once (the fake going away) and stops accepting new ones. */
  async close(): Promise<void> {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const ws of [...this.open]) ws.terminate();
    this.open.length = 0;
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.open.push(ws);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => {
      const at = this.open.indexOf(ws);
      if (at >= 0) this.open.splice(at, 1);
    });
    const hello: HelloMessage = {
      type: 'hello',
      num_connections: this.open.length,
      debug_info: { host: HOST, build_number: 1, approximate_connection_time: APPROXIMATE_CONNECTION_TIME_S },
      connection_info: { app_id: this.appId },
    };
    ws.send(JSON.stringify(hello));
    for (const waiter of this.connectionWaiters.splice(0)) waiter();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const text = isBinary ? undefined : rawText(data);
    let message: { envelope_id?: unknown; payload?: unknown } | undefined;
    try {
      message = text === undefined ? undefined : (JSON.parse(text) as typeof message);
    } catch {
      message = undefined;
    }
    this.received.push(message ?? text);
    const id = typeof message?.envelope_id === 'string' ? message.envelope_id : undefined;
    if (!message || typeof message !== 'object' || !id) {
      this.problems.push(`Socket Mode: Slack ignores a message that is not an acknowledgement: ${String(text ?? '(binary)').slice(0, 200)}`);
      return;
    }
    if (this.acked.has(id)) {
      this.problems.push(`Socket Mode: envelope ${id} acknowledged twice`);
      return;
    }
    const envelope = this.envelopes.find((e) => e.envelope_id === id);
    if (!envelope) {
      this.problems.push(`Socket Mode: acknowledgement for an envelope Slack never sent (${id})`);
      return;
    }
    this.acked.add(id);
    const payload = message.payload === undefined ? {} : message.payload;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      this.problems.push(`Socket Mode: the ack of ${id} has a payload that is not an object`);
    } else if (!envelope.accepts_response_payload && Object.keys(payload).length > 0) {
      this.problems.push(`Socket Mode: the ack of ${id} (${envelope.type}) carries a payload Slack does not use`);
    }
    const pending = this.pending.get(id);
    if (!pending) return; // acknowledged after the driver gave up: already reported as never acknowledged
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve({ envelopeId: id, acknowledged: true, payload: payload as SlackObject, elapsedMs: Date.now() - pending.sentAt });
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
