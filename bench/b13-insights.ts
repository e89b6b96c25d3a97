import pino from 'pino';
import { Client } from 'pg';
import { CompiledQuery, type Insertable, type Kysely, PostgresAdapter } from 'kysely';
import type { ActionItemsTable } from '../src/action-items/action-items.table';
import type { AlertGroupAlertsTable, AlertGroupsTable } from '../src/alerts/alerts.table';
import { type DbHandle, createDb } from '../src/db/create-db';
import type { Database } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { IncidentsTable } from '../src/incidents/incidents.table';
import type { InsightDeps } from '../src/insights/insight-deps';
import { type PeriodName, insightPeriod } from '../src/insights/insight-period';
import { insightsFor } from '../src/insights/insights';
import type { PostmortemsTable } from '../src/postmortems/postmortems.table';
import { alertGroupRow, alertRow, incidentRow, itemRow, postmortemRow } from '../tools/harness/insight-rows';
import { type TestDatabase, newTestDatabase } from '../tools/harness/test-database';
import type { BenchResult } from './result';
import { alternate, median, round, timed } from './stats';

const INCIDENTS = 10_000;
const ITEMS_PER_INCIDENT = 10;
/** Two years of incidents, one every 105 minutes or so, up to now. */
const NOW = Date.parse('2026-12-01T09:00:00Z');
const SPAN_MS = 730 * 86_400_000;
const RUNS = 15;
/** A reply that feels immediate for the usual question… */
const TARGET_MS = 100;
/** …and a few tenths of a second for the largest: the year so far, compared with the same part of last year, is two years of rows. */
const YEAR_TARGET_MS = 500;
/** The indexes migrations/2026-12-02-05-insights.ts adds for these queries. */
const INSIGHT_INDEXES = ['incidents_declared_at_idx', 'action_items_closed_idx', 'action_items_verified_idx', 'action_items_status_due_idx'];
const TAGS = ['database', 'deploy', 'config', 'network', 'dns', 'capacity', 'cache', 'queue', 'auth', 'payments'];
const ALERTS = ['HighErrorRate', 'LatencyP99', 'DiskFull', 'PodCrashLooping', 'QueueBacklog', 'CertExpiring', 'ReplicaLag'];

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

/**
 * An item as teams leave them: most items of incidents older than 60 days are done (a third of
 * those confirmed to work a month later) or won't do, 3 in 100 are still open and overdue; half
 * of a recent incident's items are open, some of them past due.
 */
function itemState(n: number, declared: number, k: number): Partial<Insertable<ActionItemsTable>> {
  const r = n % 100;
  const old = NOW - declared > 60 * 86_400_000;
  const status = old ? (r < 3 ? 'open' : r < 80 ? 'done' : 'wont_do') : r < 50 ? 'open' : r < 90 ? 'done' : 'wont_do';
  const due = day(declared + (k + 3) * 86_400_000);
  if (status === 'open') return { due_date: due };
  const closed = Math.min(declared + (k + 1) * 86_400_000, NOW - 3_600_000);
  const check = closed + 30 * 86_400_000;
  const verification =
    status !== 'done' ? {} : r % 3 === 0 && check < NOW ? { verification: 'verified', verified_by: 'U0', verified_at: iso(check) } : r % 3 === 1 ? { verification: 'scheduled', verify_at: iso(check) } : {};
  return { due_date: due, status, status_changed_at: iso(closed), ...verification };
}

/** 10,000 incidents (one in 20 private), a post-mortem for each SEV1 and SEV2, alerts on a third, and 100,000 action items. */
async function seed(db: Kysely<Database>): Promise<void> {
  const incidents: Array<Insertable<IncidentsTable>> = [];
  const postmortems: Array<Insertable<PostmortemsTable>> = [];
  const items: Array<Insertable<ActionItemsTable>> = [];
  const groups: Array<Insertable<AlertGroupsTable>> = [];
  const alerts: Array<Insertable<AlertGroupAlertsTable>> = [];
  for (let i = 0; i < INCIDENTS; i += 1) {
    const declared = NOW - Math.round((i + 1) * (SPAN_MS / INCIDENTS));
    const id = `inc-${i}`;
    const severity = `SEV${(i % 4) + 1}`;
    const resolved = declared + ((i % 7) + 1) * 3_600_000;
    incidents.push(
      incidentRow(id, iso(declared), {
        severity,
        is_private: i % 20 === 0 ? 1 : 0,
        impact_started_at: iso(declared - (i % 30) * 60_000),
        mitigated_at: iso(declared + (i % 50) * 60_000),
        resolved_at: iso(resolved),
      }),
    );
    if (severity === 'SEV1' || severity === 'SEV2') {
      postmortems.push(postmortemRow(id, [TAGS[i % TAGS.length] as string, TAGS[(i * 3) % TAGS.length] as string], i % 5 === 0 ? null : iso(resolved + (i % 72) * 3_600_000)));
    }
    if (i % 3 === 0) {
      groups.push(alertGroupRow(`g-${i}`, id));
      alerts.push(alertRow(`g-${i}`, ALERTS[i % ALERTS.length] as string), alertRow(`g-${i}`, ALERTS[(i + 2) % ALERTS.length] as string));
    }
    for (let k = 0; k < ITEMS_PER_INCIDENT; k += 1) {
      const n = i * ITEMS_PER_INCIDENT + k;
      items.push(itemRow(`item-${n}`, id, `U${n % 60}`, itemState(n, declared, k)));
    }
  }
  const chunked = async <T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };
  await chunked(incidents, 500, (c) => db.insertInto('incidents').values(c).execute());
  await chunked(postmortems, 500, (c) => db.insertInto('postmortems').values(c).execute());
  await chunked(groups, 500, (c) => db.insertInto('alert_groups').values(c).execute());
  await chunked(alerts, 1000, (c) => db.insertInto('alert_group_alerts').values(c).execute());
  await chunked(items, 1000, (c) => db.insertInto('action_items').values(c).execute());
  // PostgreSQL's autovacuum gathers statistics after a load like this; the bot never runs ANALYZE on SQLite.
  if (db.getExecutor().adapter instanceof PostgresAdapter) await db.executeQuery(CompiledQuery.raw('analyze'));
}

/** A copy of the seeded database without the insight indexes, for the comparison in the same run. */
async function unindexedCopy(database: TestDatabase, handle: DbHandle): Promise<{ handle: DbHandle; remove(): Promise<void> }> {
  let copy: { config: TestDatabase['config']; remove(): Promise<void> };
  if (database.config.dialect === 'sqlite') {
    const path = `${database.config.path}.unindexed`;
    await handle.db.executeQuery(CompiledQuery.raw(`vacuum into '${path}'`));
    copy = { config: { dialect: 'sqlite', path }, remove: async () => undefined };
  } else {
    // A template copy needs the original closed: nobody may be connected to it.
    await handle.close();
    const base = process.env.TEST_DATABASE_URL as string;
    const original = new URL(database.config.url).pathname.slice(1);
    const name = `${original}_unindexed`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template ${original}`);
    await admin.end();
    const url = new URL(database.config.url);
    url.pathname = `/${name}`;
    copy = {
      config: { dialect: 'postgres', url: url.toString() },
      async remove() {
        const client = new Client({ connectionString: base });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  }
  const copied = createDb(copy.config);
  for (const index of INSIGHT_INDEXES) await copied.db.schema.dropIndex(index).execute();
  if (copy.config.dialect === 'postgres') await copied.db.executeQuery(CompiledQuery.raw('analyze'));
  return {
    handle: copied,
    async remove() {
      await copied.close();
      await copy.remove();
    },
  };
}

async function planOfPeriodIncidents(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string> {
  const from = iso(NOW - 90 * 86_400_000);
  const query = db.selectFrom('incidents').select('id').where('declared_at', '>=', from).where('declared_at', '<', iso(NOW)).compile();
  const result = await db.executeQuery(CompiledQuery.raw((dialect === 'sqlite' ? 'explain query plan ' : 'explain ') + query.sql, [...query.parameters]));
  return result.rows.map((r) => String((r as Record<string, unknown>).detail ?? (r as Record<string, unknown>)['QUERY PLAN'])).join(' | ');
}

/**
 * B13: `/incident insights` over 10,000 incidents and 100,000 action items, for 90 days and for
 * the year so far: every count the reply shows, private incidents checked against a membership
 * that answers at once. Compared, in the same run and alternately, with a copy of the database
 * without the indexes insights added.
 */
export async function benchInsights(dialect: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const database = await newTestDatabase(dialect);
  let handle = createDb(database.config);
  let copy: { handle: DbHandle; remove(): Promise<void> } | undefined;
  try {
    await migrateToLatest(handle.db);
    const seeded = await timed(() => seed(handle.db));
    copy = await unindexedCopy(database, handle);
    if (dialect === 'postgres') handle = createDb(database.config);
    const deps = (db: Kysely<Database>): InsightDeps => ({
      db,
      clock: { now: () => new Date(NOW) },
      logger: pino({ level: 'silent' }),
      members: { isMember: async (channel) => channel.endsWith('0') },
      port: { findDigest: async () => undefined, postDigest: async () => '', shareDigestChart: async () => undefined, sendChart: async () => undefined },
      policy: { requiredFor: ['SEV1', 'SEV2'], dueHours: 48 },
    });
    const cpu: number[] = [];
    const run = (db: Kysely<Database>, name: PeriodName, cpuOf = false) => async () => {
      const before = process.cpuUsage();
      const result = await timed(() => insightsFor(deps(db), 'U1', insightPeriod(name, new Date(NOW), 'UTC'), day(NOW)));
      // With SQLite all the work is this process's: its CPU time is what the query costs on a machine with nothing else to do.
      const used = process.cpuUsage(before);
      if (cpuOf) cpu.push((used.user + used.system) / 1000);
      if (result.value.incidents.current === 0) throw new Error('no incidents counted');
      return result.ms;
    };
    const unindexed = copy.handle.db;
    await run(handle.db, '90d')(); // warm both up
    await run(unindexed, '90d')();
    const ninetyDays = await alternate(RUNS, run(handle.db, '90d', dialect === 'sqlite'), run(unindexed, '90d'));
    const year = await alternate(RUNS, run(handle.db, 'year'), run(unindexed, 'year'));
    const withIndex = median(ninetyDays.a);
    const without = median(ninetyDays.b);
    const yearMs = median(year.a);
    const plan = await planOfPeriodIncidents(handle.db, dialect);
    const usesIndex = plan.includes('incidents_declared_at_idx');
    return {
      id: `B13 ${dialect}`,
      what: `/incident insights over ${INCIDENTS.toLocaleString('en')} incidents and ${(INCIDENTS * ITEMS_PER_INCIDENT).toLocaleString('en')} action items (${dialect})`,
      figures: {
        median_90d_ms: round(withIndex),
        median_year_ms: round(yearMs),
        ...(dialect === 'sqlite' ? { cpu_90d_ms: round(median(cpu)) } : {}),
        without_index_90d_ms: round(without),
        without_index_year_ms: round(median(year.b)),
        seed_ms: Math.round(seeded.ms),
        plan,
        uses_index: usesIndex,
      },
      comparison: { with: 'the same service on a copy of the database without the insight indexes', ratio: round(without / withIndex, 1), ratioMeaning: 'times faster with the indexes (90 days)' },
      target: `≤ ${TARGET_MS} ms for 90 days, ≤ ${YEAR_TARGET_MS} ms for the year so far; the period's incidents are read by index`,
      met: withIndex <= TARGET_MS && yearMs <= YEAR_TARGET_MS && usesIndex,
      summary: `90 days ${round(withIndex)} ms, year ${round(yearMs)} ms (without the indexes ${round(without)} ms, ${round(without / withIndex, 1)}×)`,
    };
  } finally {
    await copy?.remove();
    await handle.close();
    await database.remove();
  }
}
