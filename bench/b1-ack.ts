import type { LoadResult } from './load-generator';
import { type BenchWorld, benchWorld, load, startBareApp, startBot, stop } from './processes';
import type { BenchResult } from './result';
import { alternate, median, round } from './stats';

const KINDS = [
  ['command', '`/incident help`'],
  ['event', '`reaction_added` (pushpin, incident channel)'],
  ['action', '`block_actions` (a link button)'],
] as const;
const ROUNDS = 3;
const SECONDS = 3;
const CONNECTIONS = 20;
const RATE = 200;

/** B1: throughput and ack latency of signed requests, the bot beside a bare Bolt app, alternating. */
export async function benchAck(): Promise<BenchResult[]> {
  const world: BenchWorld = await benchWorld('sqlite', 1, 500);
  const bot = await startBot(world);
  const bare = await startBareApp(world);
  try {
    const results: BenchResult[] = [];
    for (const [kind, label] of KINDS) {
      // Warm both up, then alternate: full speed for throughput, then 200 req/s for latency.
      await load(world, bot.url, { kind, seconds: 1, connections: CONNECTIONS });
      await load(world, bare.url, { kind, seconds: 1, connections: CONNECTIONS });
      const flat = await alternate<LoadResult>(
        ROUNDS,
        () => load(world, bot.url, { kind, seconds: SECONDS, connections: CONNECTIONS }),
        () => load(world, bare.url, { kind, seconds: SECONDS, connections: CONNECTIONS }),
      );
      const paced = await alternate<LoadResult>(
        ROUNDS,
        () => load(world, bot.url, { kind, seconds: SECONDS, connections: CONNECTIONS, rate: RATE }),
        () => load(world, bare.url, { kind, seconds: SECONDS, connections: CONNECTIONS, rate: RATE }),
      );
      const ours = median(flat.a.map((r) => r.requestsPerSecond));
      const baseline = median(flat.b.map((r) => r.requestsPerSecond));
      const p50 = median(paced.a.map((r) => r.p50));
      const p99 = median(paced.a.map((r) => r.p99));
      const bareP99 = median(paced.b.map((r) => r.p99));
      const failed = [...flat.a, ...paced.a].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
      const ratio = ours / baseline;
      results.push({
        id: `B1 ${kind}`,
        what: `signed ${label}: req/s and ack latency`,
        figures: {
          requests_per_s: Math.round(ours),
          bare_requests_per_s: Math.round(baseline),
          p50_ms_at_200: p50,
          p99_ms_at_200: p99,
          bare_p99_ms_at_200: bareP99,
          failed_requests: failed,
        },
        comparison: { with: 'a bare Bolt app with no-op listeners, same receiver, same run', ratio: round(ratio), ratioMeaning: "of the bare app's throughput" },
        target: `≥ 0.7× bare throughput; p99 < 50 ms at ${RATE} req/s`,
        met: ratio >= 0.7 && p99 < 50 && failed === 0,
        summary: `${Math.round(ours)} req/s (${round(ratio)}× bare ${Math.round(baseline)}); at ${RATE}/s p50 ${p50} ms, p99 ${p99} ms (bare ${bareP99})${failed ? `; ${failed} failed` : ''}`,
      });
    }
    return results;
  } finally {
    await stop(bot);
    await stop(bare);
    await world.close();
  }
}
