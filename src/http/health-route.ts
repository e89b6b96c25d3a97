import type { ServerResponse } from 'node:http';

/**
 * `GET /healthz`: 200 only once the bot is ready (in Socket Mode the server answers before the
 * connection to Slack is open) and while the database answers, so an orchestrator sends no work
 * to a bot still starting and restarts one that can no longer store what people type.
 */
export function healthRoute(ping: () => Promise<void>, isReady: () => boolean = () => true) {
  return {
    path: '/healthz',
    method: ['GET', 'HEAD'],
    handler: (_req: unknown, res: ServerResponse) => {
      if (!isReady()) return reply(res, 503, { status: 'starting' });
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
