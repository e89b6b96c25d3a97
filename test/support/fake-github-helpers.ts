import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationSpec, responseProblems, type FakeGitHub } from '../../tools/fake-trackers/github';

/** What a client got back from the fake GitHub. */
export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is instead of `body` (for unparsable JSON). */
  raw?: string;
  /** The token to send; the fake's own by default, none with null. */
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** One plain `fetch` to the fake, as any HTTP client would make it. */
export async function callGitHub(github: FakeGitHub, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const token = options.token === undefined ? github.token : options.token;
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
    ...(options.body !== undefined || options.raw !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  const res = await fetch(`${github.url}${path}`, {
    method,
    headers,
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/**
 * Every answer the fake gave whose status the operation documents with a JSON body validates
 * against that schema (checked here, independently of the fake's own check that fills
 * `github.problems`).
 */
export function invalidAnswers(github: FakeGitHub): string[] {
  return github.calls.flatMap((call) => {
    if (!call.operationId || typeof call.status !== 'number' || call.response === undefined) return [];
    if (!operationSpec(call.operationId)?.responses[String(call.status)]?.content?.['application/json']) return [];
    return responseProblems(call.operationId, call.status, call.response).map((p) => `${call.method} ${call.path} ${call.status}: ${p}`);
  });
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent (the signature covers these bytes). */
  body: string;
}

/** A local HTTP endpoint standing in for the bot's `POST /trackers/github`. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** The status it answers with. */
  status = 200;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/trackers/github`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(receiver.status).end();
      });
    });
    return receiver;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
