import type { ApiRequest } from '../api-request';

/**
 * The one Web API method the fake defines itself: the vendored reference data has no file for
 * `apps.connections.open`, so its shape comes from Slack's docs instead
 * (https://api.slack.com/methods/apps.connections.open and https://api.slack.com/apis/socket-mode):
 * - it takes an app-level token (`xapp-…`, scope `connections:write`) and no arguments;
 * - it answers `{ ok: true, url }`, a one-time WebSocket URL (`wss://…/link/?ticket=…&app_id=…`);
 * - without a token it answers `not_authed`; the bot token (a token of the wrong type) gets
 *   `not_allowed_token_type`; any other token `invalid_auth`.
 * Every other method is checked against the reference data.
 */
export const APPS_CONNECTIONS_OPEN = 'apps.connections.open';

/** The scope an app-level token needs to open Socket Mode connections. */
export const CONNECTIONS_WRITE = 'connections:write';

export interface AppsConnectionsDeps {
  appToken: string;
  botToken: string;
  /** Issues a fresh one-time WebSocket URL. */
  issueUrl(): string;
}

export function appsConnectionsOpen(request: ApiRequest, deps: AppsConnectionsDeps): Record<string, unknown> {
  if (!request.token) return { ok: false, error: 'not_authed' };
  if (request.token === deps.botToken) return { ok: false, error: 'not_allowed_token_type' };
  if (request.token !== deps.appToken) return { ok: false, error: 'invalid_auth' };
  return { ok: true, url: deps.issueUrl() };
}
