import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies larger than this are refused before parsing; Jira's own limit is far lower for issue bodies. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends an answer; no body (and no content type) for 204, JSON otherwise, as Jira does. */
export function sendAnswer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** The query string as a plain record; repeated names become arrays. */
export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const all = params.getAll(name);
    record[name] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return record;
}

/** `Authorization: Basic base64(email:api_token)`, split at the first colon (tokens may hold colons). */
export function basicCredentials(header: string | undefined): { email: string; apiToken: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { email: decoded.slice(0, colon), apiToken: decoded.slice(colon + 1) };
}
