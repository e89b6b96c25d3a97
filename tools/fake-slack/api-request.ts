import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { parseMultipart } from './multipart';

export interface ApiRequest {
  args: Record<string, unknown>;
  token?: string;
}

/** Thrown for bodies Slack could not even read; answered as `{ ok: false, error }`. */
export class UnreadableRequestError extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

/**
 * Arguments Slack accepts as JSON-encoded strings in form bodies (where every value is a
 * string). They are decoded here once, so handlers see the same objects however they were sent.
 */
const JSON_STRING_ARGS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata', 'unfurled_attachments']);

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Decodes a Web API call the way Slack does: query string plus a form-encoded, multipart or JSON
 * body. The token comes from `Authorization: Bearer`, or for form and query calls from a `token`
 * argument. Slack ignores a `token` inside a JSON body (JSON calls must use the header), and so
 * does this.
 */
export function decodeApiRequest(url: URL, headers: IncomingHttpHeaders, body: Buffer): ApiRequest {
  const args: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) args[key] = value;

  const contentType = (headers['content-type'] ?? '').toLowerCase();
  let jsonBody = false;
  if (body.length > 0) {
    if (contentType.startsWith('application/json')) {
      jsonBody = true;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new UnreadableRequestError('invalid_json');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new UnreadableRequestError('invalid_json');
      }
      Object.assign(args, parsed);
    } else if (contentType.startsWith('multipart/form-data')) {
      for (const part of parseMultipart(body, headers['content-type'] ?? '')) {
        args[part.name] = part.filename !== undefined ? part.data : part.data.toString('utf8');
      }
    } else {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) args[key] = value;
    }
  }

  for (const key of JSON_STRING_ARGS) {
    const value = args[key];
    if (typeof value === 'string' && value.length > 0) {
      try {
        args[key] = JSON.parse(value);
      } catch {
        // Left as a string: the handler reports it the way Slack would (e.g. invalid_blocks_format).
      }
    }
  }

  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  const bodyToken = !jsonBody && typeof args.token === 'string' && args.token.length > 0 ? args.token : undefined;
  const queryToken = url.searchParams.get('token') || undefined;
  const token = bearer || bodyToken || queryToken;
  delete args.token;
  return token ? { args, token } : { args };
}
