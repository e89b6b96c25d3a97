import type { IngestFootprint } from './b2-timeline-ingest';
import { benchWorld, rssMb, startBot, stop } from './processes';
import type { BenchResult } from './result';
import { median, round, timed } from './stats';

const STARTS = 5;
const START_TARGET_MS = 1500;
const IDLE_TARGET_MB = 120;
/** RSS may wander by a few MB between rounds; more than this after a second B2 counts as growth. */
const GROWTH_TOLERANCE_MB = 10;

/** B6: from `node dist/src/main.js` to answering /healthz, idle memory, and memory after B2 twice. */
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
  const growth = ingest ? ingest.rssAfterLastMb - ingest.rssAfterFirstMb : Number.NaN;
  return {
    id: 'B6',
    what: 'start-up to ready, idle RSS, RSS after B2 and after more B2 rounds',
    figures: {
      startup_ms: Math.round(start),
      idle_rss_mb: round(idle, 1),
      ...(ingest ? { rss_after_first_b2_mb: round(ingest.rssAfterFirstMb, 1), rss_after_last_b2_mb: round(ingest.rssAfterLastMb, 1) } : {}),
    },
    target: `≤ ${START_TARGET_MS} ms, ≤ ${IDLE_TARGET_MB} MB, no growth after a second B2`,
    met: start <= START_TARGET_MS && idle <= IDLE_TARGET_MB && (!ingest || growth <= GROWTH_TOLERANCE_MB),
    summary:
      `ready in ${Math.round(start)} ms, idle ${round(idle, 1)} MB` +
      (ingest ? `; after B2 ${round(ingest.rssAfterFirstMb, 1)} MB, after two more ${round(ingest.rssAfterLastMb, 1)} MB` : ''),
  };
}
