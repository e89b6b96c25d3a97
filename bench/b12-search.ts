import { type Kysely, sql } from 'kysely';
import { createDb } from '../src/db/create-db';
import type { Database } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { searchIncidents } from '../src/search/search-incidents';
import { searchTerms } from '../src/search/search-terms';
import { searchDocuments } from '../src/search/search.repository';
import { newTestDatabase } from '../tools/harness/test-database';
import type { BenchResult } from './result';
import { median, percentile, round } from './stats';

const INCIDENTS = 10_000;
const ROUNDS = 15;
const T0 = Date.parse('2024-01-01T00:00:00Z');
/** Matches read per query: a page of the search service's. */
const PAGE = 20;
/** A search answers inside Slack's 3-second acknowledgement with room for its Slack calls. */
const TARGET_P99_MS = 100;

/**
 * Words incidents are written in, by how often they are used (Zipf: the word of rank r about 1/r
 * as often as the first): 5,000 words, the most common being filler that any text has, the
 * operational words (database, timeout, kafka…) a little rarer, then a long tail of rare ones
 * (host names, error codes). A common word is in about one incident in five, a rare one in a few dozen.
 */
const FILLER = 'service team users requests started after during while because again some were when could would about alert check'.split(' ');
const OPERATIONS = [
  ...'checkout payments database latency timeout errors queue replica failover deploy config cache disk memory certificate dns network kafka redis postgres'.split(' '),
  ...'ingress gateway retries canary rollback pager runbook quota throttling migration index lock deadlock backlog consumer producer partition lag'.split(' '),
];
const VOCABULARY = [...FILLER, ...OPERATIONS, ...Array.from({ length: 5_000 - FILLER.length - OPERATIONS.length }, (_, i) => `term${i.toString(36)}x`)];

/** Deterministic: the same corpus every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** `count` words drawn by rank r = ⌊N^u⌋, u uniform: probability about 1/(r ln N). */
function words(next: () => number, count: number): string {
  return Array.from({ length: count }, () => VOCABULARY[Math.min(VOCABULARY.length, Math.floor(VOCABULARY.length ** next())) - 1]).join(' ');
}

/** Common words, rare words, two words, three words, and a typed mess of search syntax. */
const QUERIES = ['database', 'timeout', 'certificate', 'service', 'termc0x', 'term2s0x', 'payments failover', 'kafka consumer lag', 'canary rollback deploy', '"dns*" -cache (NEAR'];

async function seed(db: Kysely<Database>, postgres: boolean): Promise<void> {
  const next = random(42);
  for (let start = 0; start < INCIDENTS; start += 250) {
    const incidents = [];
    const documents = [];
    for (let i = start; i < Math.min(INCIDENTS, start + 250); i += 1) {
      const at = new Date(T0 + i * 3_600_000).toISOString();
      const title = words(next, 3 + Math.floor(next() * 5));
      incidents.push({
        id: `inc-${i}`, request_key: `V-${i}`, title, severity: 'SEV2', status: 'postmortem_published', is_private: 0, description: null,
        channel_id: `C${i}`, channel_name: `inc-${i}`, commander_id: 'U1', declared_by: 'U1', responder_ids: '',
        impact_started_at: at, declared_at: at, setup_completed_at: at, created_at: at, updated_at: at,
      });
      documents.push({
        incident_id: `inc-${i}`, declared_at: at, title,
        summary: words(next, 40 + Math.floor(next() * 60)),
        causes: words(next, 15 + Math.floor(next() * 30)),
        tags: words(next, 2),
        alerts: words(next, 6),
        indexed_at: at,
      });
    }
    await db.insertInto('incidents').values(incidents).execute();
    await db.insertInto('incident_search').values(documents).execute();
  }
  if (postgres) await sql`analyze incident_search`.execute(db);
}

/**
 * The same search without its index: every word as a case-insensitive substring of any field, a
 * scan of all 10,000 documents; newest first, as it has no relevance to order by.
 */
async function scan(db: Kysely<Database>, postgres: boolean, query: string): Promise<string[]> {
  const like = sql.raw(postgres ? 'ilike' : 'like');
  const terms = searchTerms(query);
  const conditions = terms.map((term) => {
    const pattern = `%${term}%`;
    return sql`(title ${like} ${pattern} or summary ${like} ${pattern} or causes ${like} ${pattern} or tags ${like} ${pattern} or alerts ${like} ${pattern})`;
  });
  const { rows } = await sql<{ incident_id: string }>`
    select incident_id from incident_search where ${sql.join(conditions, sql` and `)} order by declared_at desc limit ${PAGE}`.execute(db);
  return rows.map((r) => r.incident_id);
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * B12: `/incident search` over 10,000 incidents with their post-mortems' words, ten queries
 * (common, rare, several words, typed search syntax) fifteen times each: the whole service
 * (ranked matches, the incidents, who may see them, post-mortem states) and its index query
 * alone, against the same query as a `LIKE '%word%'` scan of the same text, run alternately.
 */
export async function benchSearch(dialect: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const database = await newTestDatabase(dialect);
  const handle = createDb(database.config);
  try {
    await migrateToLatest(handle.db);
    const postgres = dialect === 'postgres';
    await seed(handle.db, postgres);
    const deps = { db: handle.db, members: { isMember: async () => true } };
    const service: number[] = [];
    const index: number[] = [];
    const scanned: number[] = [];
    let found = 0;
    let scanFound = 0;
    for (let round = -2; round < ROUNDS; round += 1) {
      for (const query of QUERIES) {
        let start = process.hrtime.bigint();
        const outcome = await searchIncidents(deps, 'U1', query);
        const serviceMs = ms(start);
        start = process.hrtime.bigint();
        const matches = await searchDocuments(handle.db, query, PAGE);
        const indexMs = ms(start);
        start = process.hrtime.bigint();
        const scannedIds = await scan(handle.db, postgres, query);
        const scanMs = ms(start);
        // Two warm-up rounds fill caches on both sides.
        if (round < 0) continue;
        service.push(serviceMs);
        index.push(indexMs);
        scanned.push(scanMs);
        if (round === 0) {
          found += outcome.kind === 'results' ? outcome.hits.length : 0;
          scanFound += scannedIds.length > 0 && matches.length > 0 ? 1 : 0;
        }
      }
    }
    const p50 = median(service);
    const p99 = percentile(service, 99);
    const ratio = median(scanned) / median(index);
    return {
      id: 'B12',
      what: `/incident search over ${INCIDENTS.toLocaleString('en')} incidents (${dialect})`,
      figures: {
        median_ms: round(p50),
        p99_ms: round(p99),
        index_median_ms: round(median(index)),
        index_p99_ms: round(percentile(index, 99)),
        like_scan_median_ms: round(median(scanned)),
        like_scan_p99_ms: round(percentile(scanned, 99)),
        results_shown: found,
        queries_found_by_both: scanFound,
      },
      comparison: { with: "the same words as a LIKE '%word%' scan of the same text", ratio: round(ratio, 1), ratioMeaning: 'times faster the index query is than the scan (medians)' },
      target: `p99 ≤ ${TARGET_P99_MS} ms for the whole search; the index faster than the scan`,
      met: p99 <= TARGET_P99_MS && ratio > 1,
      summary: `${round(p50)} ms median, ${round(p99)} ms p99 (index query ${round(median(index))} ms, ${round(ratio, 1)}× faster than a LIKE scan)`,
    };
  } finally {
    await handle.close();
    await database.remove();
  }
}
