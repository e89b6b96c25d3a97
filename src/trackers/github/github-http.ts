import { failureOf, TrackerError } from '../tracker-error';

/** How long one call may take, answer body included, before it counts as a timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The REST API version every call asks for; GitHub answers in that version's shapes. */
const GITHUB_API_VERSION = '2022-11-28';

/** GitHub refuses calls without a User-Agent; it names the product in GitHub's logs. */
const USER_AGENT = 'incident-postmortem-bot';

/** A list longer than this many pages is refused rather than read without end (a bad `Link` loop). */
const MAX_PAGES = 100;

/** The most GitHub gives on one page. */
const PER_PAGE = 100;

/** Longest error text kept from an answer, so a chatty body cannot flood logs or Slack messages. */
const MAX_DETAIL_CHARS = 300;

export interface GitHubHttpOptions {
  /** Per call, answer body included (default 10 s). */
  timeoutMs?: number;
  /** The `fetch` to call: Node's global one unless a test passes its own. */
  fetch?: typeof fetch;
}

export interface GitHubRequest {
  /** Query parameters, left out when undefined. */
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Non-2xx statuses the caller reads itself instead of failing (404 when asking "can X be assigned?"). */
  expected?: number[];
}

/** An answer: its status, headers and JSON body (undefined when empty, as on a 204). */
export interface GitHubAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Calls to GitHub's REST API under `apiUrl` with the token: JSON in, JSON out. Every non-2xx
 * answer (unless `expected`) and every call that gets no answer throws a `TrackerError` whose
 * message is one line naming the call, never the token, nor the query (it may hold an email).
 */
export class GitHubHttp {
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    options: GitHubHttpOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = options.fetch ?? fetch;
  }

  /** `path` starts with `/` and has its segments already encoded (see {@link pathOf}). */
  async request(method: string, path: string, request: GitHubRequest = {}): Promise<GitHubAnswer> {
    const url = new URL(`${this.apiUrl.replace(/\/+$/, '')}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return this.send(method, url, path, request);
  }

  /**
   * Every item of a list, following `Link: rel="next"` page after page. Each next page must be
   * on the API's own origin, so a `Link` header can never send the token to another host.
   */
  async list(path: string, query: Record<string, string | number | undefined>): Promise<unknown[]> {
    const items: unknown[] = [];
    let url: URL | undefined = new URL(`${this.apiUrl.replace(/\/+$/, '')}${path}`);
    for (const [name, value] of Object.entries({ per_page: PER_PAGE, ...query })) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    for (let page = 1; url; page += 1) {
      if (page > MAX_PAGES) throw new TrackerError('permanent', `GitHub's list at ${path} has more than ${MAX_PAGES} pages; refusing to read on`);
      const answer = await this.send('GET', url, path, {});
      if (!Array.isArray(answer.body)) throw new TrackerError('permanent', `GitHub answered GET ${path} with something other than a list`);
      items.push(...(answer.body as unknown[]));
      url = this.nextPage(answer.headers.get('link'), path);
    }
    return items;
  }

  private nextPage(link: string | null, path: string): URL | undefined {
    const next = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
    if (!next) return undefined;
    const url = new URL(next, this.apiUrl);
    if (url.origin !== new URL(this.apiUrl).origin) {
      throw new TrackerError('permanent', `GitHub's next page of ${path} is on another host (${url.host}); refusing to follow it`);
    }
    return url;
  }

  private async send(method: string, url: URL, path: string, request: GitHubRequest): Promise<GitHubAnswer> {
    const call = `${method} ${path}`;
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/vnd.github+json',
          'x-github-api-version': GITHUB_API_VERSION,
          'user-agent': USER_AGENT,
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        // One deadline for the answer and its body: a server that stalls mid-body times out too.
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new TrackerError('retry', this.redact(`GitHub did not answer ${call}: ${networkFailure(error, this.timeoutMs)}`), { cause: error });
    }

    const ok = response.status >= 200 && response.status < 300;
    if (!ok && !(request.expected ?? []).includes(response.status)) {
      const { failure, retryAfterMs } = failureOf(response.status, response.headers);
      const detail = errorDetail(text, response);
      throw new TrackerError(failure, this.redact(`GitHub answered ${response.status} to ${call}${detail ? `: ${detail}` : ''}`), {
        status: response.status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch (error) {
        // A 2xx that is not JSON comes from something in front of GitHub (a proxy, a captive page), which may pass.
        if (ok) throw new TrackerError('retry', `GitHub answered ${response.status} to ${call} with something other than JSON`, { status: response.status, cause: error });
      }
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** Never let the token reach a message, whatever an answer echoed. */
  private redact(message: string): string {
    return this.token ? message.split(this.token).join('[token]') : message;
  }
}

/** `/repos/acme/incidents/issues/12` from its segments, each encoded. */
export function pathOf(...segments: (string | number)[]): string {
  return segments.map((s) => `/${encodeURIComponent(String(s))}`).join('');
}

/** GitHub's `since`: an ISO 8601 instant to the second, rounded down so nothing at that second is missed. */
export function sinceParam(since: Date): string {
  return new Date(Math.floor(since.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Why a call got no answer, in a few words. Read by shape, not `instanceof`: `fetch`'s errors
 * may come from another realm (undici's own `DOMException`, a test runner's sandbox).
 */
function networkFailure(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; cause?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const { code, message: causeMessage } = (typeof cause === 'object' && cause !== null ? cause : {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed before the answer arrived';
  const words = typeof causeMessage === 'string' && causeMessage ? causeMessage : typeof message === 'string' ? message : String(error);
  return oneLine(typeof code === 'string' && !words.includes(code) ? `${words} (${code})` : words);
}

/**
 * What GitHub said about a refused call: its `message` and, for a 422, which fields it refused.
 * An answer that is not JSON (the 502 "Unicorn!" page) is named by its type, never quoted.
 */
function errorDetail(text: string, response: Response): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type')?.split(';')[0]?.trim();
    return type ? `an answer of type ${type}` : response.statusText;
  }
  if (typeof json !== 'object' || json === null) return '';
  const { message, errors } = json as { message?: unknown; errors?: unknown };
  const fields = Array.isArray(errors)
    ? errors
        .map((e: { field?: unknown; code?: unknown; message?: unknown }) =>
          typeof e?.message === 'string' ? e.message : [e?.field, e?.code].filter((p) => typeof p === 'string').join(' '),
        )
        .filter(Boolean)
    : [];
  return oneLine([typeof message === 'string' ? message : '', fields.length > 0 ? `(${fields.join('; ')})` : ''].filter(Boolean).join(' '));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS - 1)}…` : flat;
}
