import type { IncomingMessage } from 'node:http';

/** The body was larger than the limit: answered with 413 without reading the rest. */
export class BodyTooLarge extends Error {}

/**
 * Reads a request body up to `limit` bytes. A declared or actual size over the limit rejects
 * with {@link BodyTooLarge} as soon as it is known, so an oversized body is never held in memory.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
