import { checkResponse, operationById, type FakeJira } from '../../tools/fake-trackers/jira';

/** One answer from the fake Jira, read the way a client would: status, headers, parsed JSON body. */
export interface JiraAnswer {
  status: number;
  headers: Headers;
  // Tests read into Jira's JSON freely; the schema checks vouch for its shape.
  body: any;
}

export interface JiraCallOptions {
  body?: unknown;
  /** The Authorization header; default the bot account's Basic credentials, null for none. */
  auth?: string | null;
  contentType?: string;
}

/** A plain `fetch` to the fake, as any HTTP client would send it. */
export async function jiraApi(jira: FakeJira, method: string, path: string, options: JiraCallOptions = {}): Promise<JiraAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = options.auth === undefined ? jira.authorization() : options.auth;
  if (auth !== null) headers.authorization = auth;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(`${jira.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** The answer is one the operation documents, with a body its schema for that status accepts. */
export function expectDocumented(operationId: string, answer: JiraAnswer): void {
  expect(checkResponse(operationById(operationId), answer.status, answer.body)).toEqual([]);
}

/** A one-paragraph ADF document. */
export const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
