import type { IncomingHttpHeaders } from 'node:http';
import { basicCredentials } from './http-exchange';
import { JiraError } from './jira-error';
import { checkRequestBody, readParameters, type Operation } from './jira-reference';
import type { JiraSite } from './jira-site';
import type { JiraUser } from './types';

/**
 * What a request must pass before an operation runs: Basic auth for a known account, then the
 * reference's parameter and body schemas. Refusals come back as Jira would send them.
 */

/** The account behind `Authorization: Basic base64(email:api_token)`; 401 for anything else. */
export function authenticate(site: JiraSite, headers: IncomingHttpHeaders): JiraUser {
  const credentials = basicCredentials(headers.authorization);
  const account = credentials && site.authenticate(credentials.email, credentials.apiToken);
  if (!account) throw new JiraError(401, ['Client must be authenticated to access this resource.']);
  return account;
}

/** Typed parameters and the parsed body, or a 400 (415 for a body that is not JSON). */
export function readRequest(
  operation: Operation,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
  raw: string,
): { params: Record<string, unknown>; body: unknown } {
  const { values, problems } = readParameters(operation, pathParams, query);
  if (problems.length > 0) throw new JiraError(400, problems.map((p) => `Invalid parameter: ${p}`));
  if (operation.body === 'none') return { params: values, body: {} };
  if (raw.trim() === '') {
    if (operation.body === 'required') throw new JiraError(400, ['No content to map due to end-of-input']);
    return { params: values, body: {} };
  }
  if (!/^application\/json\b/i.test(headers['content-type'] ?? '')) {
    throw new JiraError(415, ['Unsupported Media Type: send Content-Type: application/json']);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (e) {
    throw new JiraError(400, [`Unexpected character in the request body: ${(e as Error).message}`]);
  }
  const bodyErrors = checkRequestBody(operation, body);
  if (bodyErrors.length > 0) {
    // A problem inside a top-level property is that field's; one at the root is the request's.
    const errors: Record<string, string> = {};
    const errorMessages: string[] = [];
    for (const e of bodyErrors) {
      const field = e.instancePath.split('/')[1];
      if (field) errors[field] = `${e.instancePath} ${e.message ?? 'is invalid'}`;
      else errorMessages.push(`${e.message ?? 'is invalid'}${'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`);
    }
    throw new JiraError(400, errorMessages, errors);
  }
  return { params: values, body };
}
