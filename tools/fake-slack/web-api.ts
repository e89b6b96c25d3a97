import { methodSpec, requiredArgs, scopesFor } from './slack-reference';
import type { ApiRequest } from './api-request';
import { MethodArgs } from './method-args';
import { APPS_CONNECTIONS_OPEN, CONNECTIONS_WRITE, appsConnectionsOpen } from './methods/apps-connections';
import type { MethodContext, MethodTable } from './methods/method-context';
import { SlackApiError } from './slack-api-error';

export interface WebApiDeps extends Omit<MethodContext, 'args' | 'method'> {
  botToken: string;
  /** The app-level token (`xapp-…`): it opens Socket Mode connections and calls nothing else. */
  appToken: string;
  /** A fresh one-time Socket Mode URL, for `apps.connections.open`. */
  issueSocketUrl(): string;
  methods: MethodTable;
}

export interface WebApiAnswer {
  body: Record<string, unknown>;
  /** Scopes the method accepts, for Slack's x-accepted-oauth-scopes header. */
  acceptedScopes: string[];
  /** Scopes of the token used, for Slack's x-oauth-scopes header; the bot's when absent. */
  tokenScopes?: string[];
}

/**
 * One Web API call, checked in Slack's order: the method must exist (per the vendored reference
 * data), then the token, then the scopes, then the required arguments, and only then does the
 * method itself run. `apps.connections.open` is the one method defined by the fake itself (see
 * methods/apps-connections.ts).
 */
export function callWebApi(method: string, request: ApiRequest, deps: WebApiDeps): WebApiAnswer {
  if (method === APPS_CONNECTIONS_OPEN) {
    const body = appsConnectionsOpen(request, { appToken: deps.appToken, botToken: deps.botToken, issueUrl: deps.issueSocketUrl });
    return { body, acceptedScopes: [CONNECTIONS_WRITE], ...(body.ok ? { tokenScopes: [CONNECTIONS_WRITE] } : {}) };
  }
  const spec = methodSpec(method);
  if (!spec) return { body: { ok: false, error: 'unknown_method' }, acceptedScopes: [] };
  const needed = scopesFor(method);
  const acceptedScopes = needed ?? [];
  const fail = (error: SlackApiError): WebApiAnswer => ({ body: { ok: false, error: error.error, ...error.extra }, acceptedScopes });

  if (!request.token) return fail(new SlackApiError('not_authed'));
  // An app-level token is genuine but only opens connections: Slack refuses it for bot methods.
  if (request.token === deps.appToken) return fail(new SlackApiError('not_allowed_token_type'));
  if (request.token !== deps.botToken) return fail(new SlackApiError('invalid_auth'));

  if (needed && !needed.some((scope) => deps.scopes.has(scope))) {
    return fail(new SlackApiError('missing_scope', { needed: needed[0], provided: [...deps.scopes].join(',') }));
  }

  const missing = requiredArgs(method).filter((name) => request.args[name] === undefined || request.args[name] === null);
  if (missing.length > 0) {
    return fail(SlackApiError.invalidArguments(missing.map((name) => `missing required field: ${name}`)));
  }

  const handler = deps.methods[method];
  if (!handler) {
    // Slack has the method but the fake does not implement it yet: fail loudly, never pretend.
    return fail(new SlackApiError('fake_slack_not_implemented', { method }));
  }
  try {
    const { ws, views, triggers, scopes, baseUrl } = deps;
    const result = handler({ method, args: new MethodArgs(request.args), ws, views, triggers, scopes, baseUrl });
    return { body: { ok: true, ...result }, acceptedScopes };
  } catch (error) {
    if (error instanceof SlackApiError) return fail(error);
    throw error;
  }
}
