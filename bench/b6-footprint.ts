import type { IngestFootprint } from './b2-timeline-ingest';
import { benchWorld, rssMb, startBot, stop } from './processes';
import type { BenchResult } from './result';
import { median, round, timed } from './stats';

const STARTS = 5;
const START_TARGET_MS = 1500;
const IDLE_TARGET_MB = 120;
/**
 * The first B2 round sizes the heap; a leak shows as growth on every round after. RSS may wander
 * a little between rounds; more than this from one round to the next counts as growth.
 */
const GROWTH_TOLERANCE = 0.05;

/**
 * B6: from `node dist/src/main.js` to answering /healthz, idle memory, and memory after each B2
 * round, with the heap limit the Docker image sets.
 */
export async function benchFootprint(ingest: IngestFootprint | undefined): Promise<BenchResult> {
  const world = await benchWorld('sqlite', 1, 1);
  const startMs: number[] = [];
  const idleMb: number[] = [];
  try {
    for (let i = 0; i < STARTS; i += 1) {
      const started = await timed(() => startBot(world));
      startMs.push(started.ms);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      idleMb.push(rssMb(started.value.child.pid as number));
      await stop(started.value);
    }
  } finally {
    await world.close();
  }
  const start = median(startMs);
  const idle = median(idleMb);
  const rss = ingest?.rssAfterRoundMb ?? [];
  const grew = rss.slice(2).some((mb, i) => mb > (rss[i + 1] as number) * (1 + GROWTH_TOLERANCE));
  return {
    id: 'B6',
    what: 'start-up to ready, idle RSS, RSS after B2 and after more B2 rounds',
    figures: {
      startup_ms: Math.round(start),
      idle_rss_mb: round(idle, 1),
      ...(rss.length ? { rss_after_each_b2_round_mb: rss.map((mb) => round(mb, 1)).join(' → ') } : {}),
    },
    target: `≤ ${START_TARGET_MS} ms, ≤ ${IDLE_TARGET_MB} MB, no growth after a second B2`,
    met: start <= START_TARGET_MS && idle <= IDLE_TARGET_MB && rss.length >= 3 && !grew,
    summary:
      `ready in ${Math.round(start)} ms, idle ${round(idle, 1)} MB` +
      (rss.length ? `; after each B2 round ${rss.map((mb) => Math.round(mb)).join(' → ')} MB` : '; B2 not run'),
  };
}
