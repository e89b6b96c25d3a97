import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { faultAnswer, primaryLimitError } from './fault-answer';
import type { FaultInjector } from './fault-injector';
import { GitHubError } from './github-error';
import type { GitHubUrls } from './github-objects';
import type { OperationSpec } from './github-reference';
import { githubSchemas } from './github-schemas';
import type { GitHubState, RepositoryRecord } from './github-state';
import { GITHUB_API_VERSION, writeAnswer, type HttpAnswer } from './http-answer';
import type { IssueChange } from './issue-actions';
import { ALL_OPERATIONS } from './operations/all-operations';
import type { OperationContext, TokenGrant } from './operations/operation-context';
import { rateLimitHeaders, type RateLimits, type RateResource } from './rate-limits';
import { matchRoute } from './route-table';
import { resourceOf, toValidationErrors } from './validation-errors';

/** One call to the API, as received and answered. */
export interface RecordedCall {
  /** The operation it was routed to; undefined for a path GitHub does not have. */
  operationId?: string;
  method: string;
  /** The path under the API base, with its query string. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, the raw text when it was not JSON, undefined when there was none. */
  body: unknown;
  /** The HTTP status answered, or what happened instead (0 while in progress). */
  status: number | 'timeout' | 'reset' | 'lost-answer';
  /** The user whose token was used, when it was valid. */
  login?: string;
  /** The JSON answered (undefined for none). */
  response?: unknown;
  at: Date;
}

export interface RestApiDeps {
  state: GitHubState;
  urls: GitHubUrls;
  /** The path prefix the API is served under ('' or e.g. `/api/v3`). */
  apiPath: string;
  tokens: ReadonlyMap<string, TokenGrant>;
  faults: FaultInjector;
  limits: RateLimits;
  calls: RecordedCall[];
  problems: string[];
  announce(changes: IssueChange[]): void;
}

/** Operations GitHub counts against the search rate limit instead of the core one. */
const SEARCH_OPERATIONS = new Set(['search/issues-and-pull-requests', 'search/users']);

const NO_USER_AGENT =
  'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.\n';

function parseBody(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * GitHub's REST API over the fake's state. Each call goes through GitHub's checks in order: a path
 * and method from the reference data (404), a User-Agent (403), a token (401), any injected fault,
 * the API version, the primary rate limit (403), parameters (404 for the path, 422 for the query),
 * the JSON body (400 unparsable, 422 against the schema), then the operation itself. What it answers
 * is checked against the documented schema for the status, and a mismatch lands in `problems`.
 */
export class RestApi {
  constructor(private readonly deps: RestApiDeps) {}

  /** Answers (or, for some faults, deliberately fails to answer) one request; resolves with its record. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<RecordedCall> {
    const { deps } = this;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const requestUrl = new URL(req.url ?? '/', deps.urls.web);
    const method = req.method ?? 'GET';
    const underApi = deps.apiPath === '' || requestUrl.pathname.startsWith(`${deps.apiPath}/`);
    const path = underApi ? requestUrl.pathname.slice(deps.apiPath.length) : undefined;
    const call: RecordedCall = {
      method,
      path: `${path ?? requestUrl.pathname}${requestUrl.search}`,
      query: Object.fromEntries(requestUrl.searchParams),
      body: parseBody(raw),
      status: 0,
      at: deps.state.now(),
    };
    deps.calls.push(call);
    const answer = (a: HttpAnswer) => {
      call.status = a.status;
      call.response = a.body;
      writeAnswer(res, a);
      return call;
    };

    const route = path === undefined ? undefined : matchRoute(method, path);
    if (!route) {
      deps.problems.push(`${method} ${call.path} is not an operation in GitHub's reference data`);
      return answer(GitHubError.notFound());
    }
    const { operation } = route;
    call.operationId = operation.operationId;

    const fault = deps.faults.take(operation.operationId);
    if (fault?.status === 'timeout') {
      call.status = 'timeout'; // never answered: the socket closes when the client gives up, or on stop()
      return call;
    }
    if (fault?.status === 'reset') {
      call.status = 'reset';
      req.socket.destroy();
      return call;
    }
    if (!req.headers['user-agent']) {
      return answer({ status: 403, text: { contentType: 'text/plain; charset=utf-8', content: NO_USER_AGENT } });
    }
    const grant = this.authenticate(req);
    if (grant instanceof GitHubError) return answer(grant);
    call.login = grant.login;
    const user = deps.state.requireUser(grant.login);
    const resource: RateResource = SEARCH_OPERATIONS.has(operation.operationId) ? 'search' : 'core';

    if (fault && typeof fault.status === 'number') {
      const nowSeconds = Math.floor(deps.state.now().getTime() / 1000);
      return answer(faultAnswer({ ...fault, status: fault.status }, deps.limits.peek(user.login, resource), user.id, nowSeconds));
    }
    const version = req.headers['x-github-api-version'];
    if (version !== undefined && version !== GITHUB_API_VERSION) {
      deps.problems.push(`${operation.operationId} was called with X-GitHub-Api-Version ${String(version)}; the reference data describes ${GITHUB_API_VERSION}`);
      return answer(GitHubError.basic(400, `API version ${String(version)} is not supported.`));
    }
    const taken = deps.limits.take(user.login, resource);
    const limitHeaders = rateLimitHeaders(taken.state);
    if (!taken.allowed) {
      const error = primaryLimitError(403, user.id);
      return answer({ status: error.status, body: error.body, headers: limitHeaders });
    }

    let result: HttpAnswer;
    try {
      result = this.run(operation, route.pathParams, requestUrl, raw, grant);
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      result = error;
    }
    if (fault?.status === 'lost-answer') {
      // The change is made and announced; only the answer never arrives.
      call.status = 'lost-answer';
      req.socket.destroy();
      return call;
    }

    const headers: Record<string, string> = { ...limitHeaders, ...result.headers };
    if (method === 'GET' && result.status === 200) {
      headers.etag = `W/"${createHash('sha256').update(JSON.stringify(result.body)).digest('hex')}"`;
      // A 304 is answered only where GitHub documents one, and does not count against the limit.
      if (req.headers['if-none-match'] === headers.etag && operation.responses['304']) {
        return answer({ status: 304, headers: { ...headers, ...rateLimitHeaders(deps.limits.refund(user.login, resource)) } });
      }
    }
    this.checkAnswer(operation.operationId, result.status, result.body);
    return answer({ status: result.status, body: result.body, headers });
  }

  /** Parameters and body checked against the operation's schemas, then the operation itself. */
  private run(op: OperationSpec, rawPathParams: Record<string, string>, requestUrl: URL, raw: string, grant: TokenGrant): HttpAnswer {
    const { deps } = this;
    const schemas = githubSchemas();
    const pathParams: Record<string, unknown> = { ...rawPathParams };
    // GitHub has nothing at a path whose parameters are malformed (`/issues/abc`): 404.
    if (schemas.parameters(op.operationId, 'path', pathParams).length > 0) throw GitHubError.notFound(op.docsUrl);
    const query: Record<string, unknown> = Object.fromEntries(requestUrl.searchParams);
    const queryProblems = schemas.parameters(op.operationId, 'query', query);
    if (queryProblems.length > 0) {
      throw GitHubError.validationFailed(op.docsUrl, toValidationErrors(resourceOf(op.operationId), queryProblems, Object.fromEntries(requestUrl.searchParams)));
    }

    let body: unknown = {};
    if (op.requestBody) {
      if (raw.trim().length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw GitHubError.basic(400, 'Problems parsing JSON', op.docsUrl);
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) throw GitHubError.basic(400, 'Body should be a JSON object', op.docsUrl);
      }
      const bodyProblems = schemas.requestBody(op.operationId, body) ?? [];
      if (bodyProblems.length > 0) throw GitHubError.validationFailed(op.docsUrl, toValidationErrors(resourceOf(op.operationId), bodyProblems, body));
    }

    const handler = ALL_OPERATIONS[op.operationId];
    if (!handler) {
      deps.problems.push(`${op.operationId} is in GitHub's reference data but the fake does not implement it`);
      throw GitHubError.basic(501, `The fake GitHub does not implement ${op.operationId}`, op.docsUrl);
    }
    const canSee = (repo: RepositoryRecord) => !grant.repositories || grant.repositories.some((r) => r.toLowerCase() === repo.fullName.toLowerCase());
    const ctx: OperationContext = {
      operation: op,
      state: deps.state,
      urls: deps.urls,
      grant,
      actor: deps.state.requireUser(grant.login),
      pathParams,
      query,
      body,
      requestUrl,
      repository: () => {
        const repo = deps.state.repository(`${String(pathParams.owner)}/${String(pathParams.repo)}`);
        // A repository the token cannot see does not exist, as far as GitHub tells it.
        if (!repo || !canSee(repo)) throw GitHubError.notFound(op.docsUrl);
        return repo;
      },
      requireWrite: (repo) => {
        if (grant.permission === 'read') throw GitHubError.basic(403, 'Resource not accessible by personal access token', op.docsUrl);
        if (repo.archived) throw GitHubError.basic(403, 'Repository was archived so is read-only.', op.docsUrl);
      },
      issue: (repo) => {
        const issue = repo.issues.get(Number(pathParams.issue_number));
        if (!issue) throw GitHubError.notFound(op.docsUrl);
        return issue;
      },
      canSee,
      announce: (changes) => deps.announce(changes),
      problem: (message) => deps.problems.push(message),
    };
    return handler(ctx);
  }

  private authenticate(req: IncomingMessage): TokenGrant | GitHubError {
    const header = req.headers.authorization;
    if (!header) return GitHubError.basic(401, 'Requires authentication');
    const token = /^(?:bearer|token)\s+(\S+)$/i.exec(header)?.[1];
    const grant = token ? this.deps.tokens.get(token) : undefined;
    return grant ?? GitHubError.basic(401, 'Bad credentials');
  }

  /** Every answer is checked against the operation's documented schema for its status. */
  private checkAnswer(operationId: string, status: number, body: unknown): void {
    const schemas = githubSchemas();
    let problems = schemas.response(operationId, status, body);
    // GitHub sends some statuses from every operation without documenting each (401, 404 for a
    // hidden repository, 422): those are checked against the same shapes documented elsewhere.
    if (!problems && body !== undefined) {
      if (status === 422) problems = schemas.response('issues/create', 422, body);
      else if (status >= 400) problems = schemas.response('users/get-authenticated', 401, body);
      else this.deps.problems.push(`${operationId} answered ${status}, which GitHub does not document for it`);
    }
    if (problems && problems.length > 0) {
      this.deps.problems.push(`${operationId} ${status} answer does not validate: ${problems.map((p) => p.message).join('; ')}`);
    }
  }
}
