import SQLite from 'better-sqlite3';
import { Client } from 'pg';
import { createDb } from '../src/db/create-db';
import type { BotProcess } from '../tools/harness/spawn-bot';
import { SlackDriver } from '../tools/fake-slack/slack-driver';
import { SIGNING_SECRET } from '../tools/harness/test-bot';
import { type BenchWorld, benchWorld, rssMb, startBot, stop } from './processes';
import type { BenchResult } from './result';
import { median, round, timed } from './stats';

const INCIDENTS = 10;
const PER_INCIDENT = 500;
const ROUNDS = 3;
const CONCURRENCY = 50;
const TARGET_PER_S = 500;

/** What B6 reads off the bot that B2 ran: its RSS after each round, in MB. */
export interface IngestFootprint {
  rssAfterRoundMb: number[];
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/** Marks 5,000 distinct messages across 10 incidents and waits until every entry is stored. */
async function ingestRound(world: BenchWorld, bot: BotProcess, round: number): Promise<number> {
  const driver = new SlackDriver({ appUrl: bot.url, signingSecret: SIGNING_SECRET, slack: world.slack });
  const marks = world.incidents.flatMap((incident) =>
    incident.messageTs.slice(round * PER_INCIDENT, (round + 1) * PER_INCIDENT).map((ts) => ({ channel: incident.channelId, ts })),
  );
  const reader = createDb(world.database.config);
  try {
    const count = async () =>
      Number(
        (await reader.db.selectFrom('timeline_entries').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'message').executeTakeFirstOrThrow())
          .n,
      );
    const before = await count();
    const run = await timed(async () => {
      await pool(marks, CONCURRENCY, (mark) => driver.reactionAdded(world.alice, mark.channel, mark.ts, 'pushpin'));
      while ((await count()) < before + marks.length) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    return (marks.length / run.ms) * 1000;
  } finally {
    await reader.close();
  }
}

/** The same rows written with the driver alone, one statement each, as the bot writes them. */
async function rawInserts(dialect: 'sqlite' | 'postgres', url: string, rows: number): Promise<number> {
  const values = (i: number) => [`raw-${i}`, 'incident-0', 'message', '2026-11-22T10:00:00.000Z', 'U1', 'U1', `Observation ${i}`, 'C1', `${i}.000100`, '2026-11-22T10:00:00.000Z'];
  const columns = 'id, incident_id, kind, occurred_at, actor_id, author_id, text, source_channel_id, source_ts, created_at';
  if (dialect === 'sqlite') {
    const db = new SQLite(url);
    db.pragma('journal_mode = WAL');
    db.exec('delete from timeline_entries where id like \'raw-%\'');
    const insert = db.prepare(`insert into timeline_entries (${columns}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const run = await timed(() => {
      for (let i = 0; i < rows; i += 1) insert.run(values(i));
    });
    db.close();
    return (rows / run.ms) * 1000;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query("delete from timeline_entries where id like 'raw-%'");
  const run = await timed(async () => {
    for (let i = 0; i < rows; i += 1) await client.query(`insert into timeline_entries (${columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, values(i));
  });
  await client.end();
  return (rows / run.ms) * 1000;
}

/** B2: timeline ingest end to end (signed event → Slack read → stored), beside raw inserts. */
export async function benchTimelineIngest(dialect: 'sqlite' | 'postgres'): Promise<{ result: BenchResult; footprint: IngestFootprint }> {
  const world = await benchWorld(dialect, INCIDENTS, PER_INCIDENT * ROUNDS);
  const bot = await startBot(world);
  try {
    const ours: number[] = [];
    const raw: number[] = [];
    const rss: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      ours.push(await ingestRound(world, bot, round));
      rss.push(rssMb(bot.child.pid as number));
      raw.push(await rawInserts(dialect, world.database.url, INCIDENTS * PER_INCIDENT));
    }
    const perSecond = median(ours);
    const rawPerSecond = median(raw);
    return {
      result: {
        id: `B2 ${dialect}`,
        what: `timeline ingest: ${INCIDENTS * PER_INCIDENT} reactions on distinct messages, ${INCIDENTS} incidents (${dialect})`,
        figures: { entries_per_s: Math.round(perSecond), raw_inserts_per_s: Math.round(rawPerSecond), rounds: ROUNDS },
        comparison: { with: `raw ${dialect === 'sqlite' ? 'better-sqlite3' : 'pg'} inserts of the same rows`, ratio: round(perSecond / rawPerSecond, 3), ratioMeaning: 'of raw insert speed' },
        target: `≥ ${TARGET_PER_S} entries/s end to end`,
        met: perSecond >= TARGET_PER_S,
        summary: `${Math.round(perSecond)} entries/s end to end (raw inserts ${Math.round(rawPerSecond)}/s, ${round(perSecond / rawPerSecond, 3)}×)`,
      },
      footprint: { rssAfterRoundMb: rss },
    };
  } finally {
    await stop(bot);
    await world.close();
  }
}
