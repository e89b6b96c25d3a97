import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAck } from './b1-ack';
import { type IngestFootprint, benchTimelineIngest } from './b2-timeline-ingest';
import { benchRender } from './b3-render';
import { benchReminderPoll } from './b4-reminder-poll';
import { benchApiCalls } from './b5-api-calls';
import { benchFootprint } from './b6-footprint';
import { benchAlerts } from './b7-alerts';
import { benchGit } from './b8-git';
import { benchAskingForAccounts, benchRenderingPerspectives } from './b9-accounts';
import { benchTrackerSync } from './b10-trackers';
import { benchChart } from './b11-chart';
import { benchSearch } from './b12-search';
import { benchInsights } from './b13-insights';
import { benchRecurrence } from './b14-recurrence';
import { benchBusyIncident } from './b15-busy-incident';
import type { BenchResult } from './result';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const wanted = (id: string) => only.length === 0 || only.includes(id);
  const postgres = Boolean(process.env.TEST_DATABASE_URL);
  const results: BenchResult[] = [];
  const run = async (id: string, bench: () => Promise<BenchResult>) => {
    if (!wanted(id)) return;
    process.stderr.write(`running ${id}…\n`);
    results.push(await bench());
  };
  if (wanted('B1')) {
    process.stderr.write('running B1…\n');
    results.push(...(await benchAck()));
  }
  let footprint: IngestFootprint | undefined;
  for (const dialect of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    await run('B2', async () => {
      const ingest = await benchTimelineIngest(dialect);
      if (dialect === 'sqlite') footprint = ingest.footprint;
      return ingest.result;
    });
  }
  await run('B3', benchRender);
  await run('B4', () => benchReminderPoll('sqlite', 9));
  if (postgres) await run('B4', () => benchReminderPoll('postgres', 5));
  if (wanted('B5')) {
    process.stderr.write('running B5…\n');
    results.push(...(await benchApiCalls()));
  }
  await run('B6', () => benchFootprint(footprint));
  if (wanted('B7')) {
    for (const dialect of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      process.stderr.write(`running B7 (${dialect})…\n`);
      results.push(...(await benchAlerts(dialect)));
    }
  }

  if (wanted('B8')) {
    process.stderr.write('running B8…\n');
    results.push(...(await benchGit()));
  }

  if (wanted('B9')) {
    for (const dialect of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      process.stderr.write(`running B9 (${dialect})…\n`);
      results.push(await benchAskingForAccounts(dialect));
    }
    results.push(await benchRenderingPerspectives());
  }

  if (wanted('B10')) {
    for (const dialect of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      process.stderr.write(`running B10 (${dialect})…\n`);
      results.push(await benchTrackerSync(dialect));
    }
  }

  await run('B11', benchChart);

  if (wanted('B12')) {
    for (const dialect of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      process.stderr.write(`running B12 (${dialect})…\n`);
      results.push(await benchSearch(dialect));
    }
  }

  if (wanted('B13')) {
    for (const dialect of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      process.stderr.write(`running B13 (${dialect})…\n`);
      results.push(await benchInsights(dialect));
    }
  }

  if (wanted('B14')) {
    for (const dialect of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      process.stderr.write(`running B14 (${dialect})…\n`);
      results.push(await benchRecurrence(dialect));
    }
  }

  // Slack's own rate limits, on a clock faster than the wall clock: SQLite only.
  await run('B15', benchBusyIncident);

  printTable(results);
  const report = {
    ranAt: new Date().toISOString(),
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', platform: `${os.platform()} ${os.arch()}` },
    results,
  };
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write('wrote bench/results.json\n');
}

function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [r.id, r.summary, r.target, r.met ? 'met' : 'MISSED']);
  const header = ['id', 'result', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
