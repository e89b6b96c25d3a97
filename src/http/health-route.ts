import type { ServerResponse } from 'node:http';

/**
 * `GET /healthz`: 200 only when the database answers, so an orchestrator restarts a bot that
 * can no longer store what people type.
 */
export function healthRoute(ping: () => Promise<void>) {
  return {
    path: '/healthz',
    method: ['GET', 'HEAD'],
    handler: (_req: unknown, res: ServerResponse) => {
      ping().then(
        () => reply(res, 200, { status: 'ok' }),
        () => reply(res, 503, { status: 'unavailable', reason: 'database did not answer' }),
      );
    },
  };
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
