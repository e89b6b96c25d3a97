import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { healthRoute } from '../../src/http/health-route';

/** Serves the route on a free port and asks it once. */
async function ask(route: ReturnType<typeof healthRoute>): Promise<{ status: number; body: unknown }> {
  const server = createServer((req, res) => route.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    return { status: response.status, body: await response.json() };
  } finally {
    server.close();
  }
}

describe('GET /healthz', () => {
  it('answers 503 while the bot is still starting, even with the database up', async () => {
    expect(await ask(healthRoute(async () => undefined, () => false))).toEqual({ status: 503, body: { status: 'starting' } });
  });

  it('answers 200 once ready and while the database answers, 503 when it does not', async () => {
    expect(await ask(healthRoute(async () => undefined, () => true))).toEqual({ status: 200, body: { status: 'ok' } });
    const down = await ask(healthRoute(() => Promise.reject(new Error('gone')), () => true));
    expect(down.status).toBe(503);
  });
});
