import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { FakeSlack } from '../fake-slack';

/** A logger that keeps WebClient quiet; refused calls are asserted on, not printed. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** The same WebClient an app would use, pointed at the fake, without retries. */
export function webClientFor(slack: FakeSlack, options: WebClientOptions & { token?: string } = {}): WebClient {
  const { token = slack.botToken, ...rest } = options;
  return new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger, ...rest });
}

/** Calls a Web API method with plain fetch and returns Slack's JSON and HTTP details untouched. */
export async function rawCall(
  slack: FakeSlack,
  method: string,
  init: { body?: string; contentType?: string; token?: string | null; httpMethod?: 'GET' | 'POST'; query?: string } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> | string }> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? slack.botToken : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.contentType) headers['content-type'] = init.contentType;
  const response = await fetch(`${slack.apiUrl}${method}${init.query ? `?${init.query}` : ''}`, {
    method: init.httpMethod ?? 'POST',
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  let body: Record<string, unknown> | string = text;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Non-JSON answers (outage faults) are returned as text.
  }
  return { status: response.status, headers: response.headers, body };
}
