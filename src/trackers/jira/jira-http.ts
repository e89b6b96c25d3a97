import { TrackerError, failureOf } from '../tracker-error';

/** How long one call may take before it counts as not answered (and is tried again later). */
export const DEFAULT_JIRA_TIMEOUT_MS = 10_000;

/** One REST call: a path under the site (`/rest/api/3/...`), query parameters, a JSON body. */
export interface JiraCall {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/** The longest Jira text kept in an error message: enough to say why, short enough for one Slack line. */
const MAX_DETAIL = 400;

/**
 * Jira Cloud's REST API v3 over Node's `fetch`, with the bot's Basic credentials
 * (`email:apiToken`). Every call either answers the parsed JSON (undefined for an empty body,
 * as 204 has) or throws a `TrackerError`: a non-2xx answer as `failureOf` classes it, a timeout,
 * a dropped connection or an unreadable answer as `retry`. Messages carry Jira's own words on one
 * line and never the token.
 */
export class JiraHttp {
  private readonly authorization: string;

  constructor(
    private readonly baseUrl: string,
    email: string,
    private readonly apiToken: string,
    private readonly timeoutMs = DEFAULT_JIRA_TIMEOUT_MS,
  ) {
    this.authorization = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
  }

  async call<T>(request: JiraCall): Promise<T> {
    const url = new URL(`${this.baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const what = `${request.method} ${request.path}`;
    const headers: Record<string, string> = { accept: 'application/json', authorization: this.authorization };
    if (request.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Read inside the try: a connection dropped mid-body is as unanswered as one dropped before it.
      text = await response.text();
    } catch (error) {
      throw new TrackerError('retry', this.redact(`Jira did not answer ${what}: ${unansweredReason(error, this.timeoutMs)}`), { cause: error });
    }

    if (!response.ok) {
      const { failure, retryAfterMs } = failureOf(response.status, response.headers);
      const { line, fields } = readErrorCollection(text);
      throw new JiraRefusal(
        failure,
        this.redact(`Jira answered ${response.status} to ${what}${line ? `: ${line}` : ''}`),
        { status: response.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
        fields,
      );
    }
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      // A proxy's HTML page in front of the site, most likely: it may well answer properly later.
      throw new TrackerError('retry', `Jira answered ${what} with something that is not JSON`, { status: response.status, cause: error });
    }
  }

  /** Jira never echoes the token, but a message may end up in Slack, so it is scrubbed regardless. */
  private redact(message: string): string {
    return this.apiToken ? message.split(this.apiToken).join('***') : message;
  }
}

/** Why a call got no answer: the timeout, or the socket's own error (`ECONNRESET`, `ECONNREFUSED`). */
function unansweredReason(error: unknown, timeoutMs: number): string {
  // Read by shape, not `instanceof`: the abort is a DOMException, not an Error in every realm.
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; cause?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const { code, message: causeMessage } = (typeof cause === 'object' && cause !== null ? cause : {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return code;
  if (typeof causeMessage === 'string') return causeMessage;
  return typeof message === 'string' ? message : String(error);
}

/** A refusal from Jira itself (not a lost connection), with the fields its `errors` named. */
export class JiraRefusal extends TrackerError {
  constructor(
    failure: TrackerError['failure'],
    message: string,
    details: TrackerError['details'],
    /** The fields a 400 refused (`assignee`, `labels`), from Jira's `errors`; empty when it named none. */
    readonly refusedFields: string[],
  ) {
    super(failure, message, details);
  }
}

/**
 * Jira's `ErrorCollection` (`errorMessages` and per-field `errors`) as one line, such as
 * `assignee: User 'x' cannot be assigned issues.`, and the fields it names. Text that is not one
 * is kept as it is, shortened.
 */
export function readErrorCollection(text: string): { line: string; fields: string[] } {
  let parts: string[] = [];
  let fields: string[] = [];
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown; message?: unknown };
    if (Array.isArray(body.errorMessages)) parts.push(...body.errorMessages.map(String));
    if (body.errors && typeof body.errors === 'object') {
      const errors = Object.entries(body.errors as Record<string, unknown>);
      fields = errors.map(([field]) => field);
      parts.push(...errors.map(([field, message]) => `${field}: ${String(message)}`));
    }
    if (parts.length === 0 && typeof body.message === 'string') parts = [body.message];
  } catch {
    parts = [text];
  }
  const line = parts.join('; ').replace(/\s+/g, ' ').trim();
  return { line: line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line, fields };
}

/** The fields Jira refused in a 400, by name (`assignee`, `labels`); empty for any other failure. */
export function refusedFields(error: unknown): string[] {
  return error instanceof JiraRefusal && error.details.status === 400 ? error.refusedFields : [];
}
