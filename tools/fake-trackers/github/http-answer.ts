import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** The REST API version whose schemas the reference data holds; the only one the fake speaks. */
export const GITHUB_API_VERSION = '2022-11-28';

/** An answer about to be written. */
export interface HttpAnswer {
  status: number;
  /** A JSON body; none when absent (and no `text`). */
  body?: unknown;
  /** A body that is not JSON: GitHub's HTML error page, its plain-text refusals. */
  text?: { contentType: string; content: string };
  headers?: Record<string, string>;
}

/** GitHub's request ids look like `C0DE:1A2B:3C4D:5E6F:7A8B`. */
export function requestId(): string {
  return randomBytes(10).toString('hex').toUpperCase().match(/.{4}/g)!.join(':');
}

/** Writes an answer with the headers GitHub puts on every one. */
export function writeAnswer(res: ServerResponse, answer: HttpAnswer): void {
  const headers: Record<string, string> = {
    'x-github-api-version-selected': GITHUB_API_VERSION,
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': requestId(),
  };
  if (answer.text) {
    res.writeHead(answer.status, { ...headers, 'content-type': answer.text.contentType, ...answer.headers });
    res.end(answer.text.content);
  } else if (answer.body === undefined) {
    res.writeHead(answer.status, { ...headers, ...answer.headers });
    res.end();
  } else {
    res.writeHead(answer.status, { ...headers, 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }
}
