import pino from 'pino';
import { sql } from 'kysely';
import { createDb } from '../src/db/create-db';
import type { Database } from '../src/db/database';
import { toStoredInstant } from '../src/db/instant';
import { migrateToLatest } from '../src/db/migrate';
import type { Incident } from '../src/incidents/incident';
import { EMPTY_CONTENT } from '../src/postmortems/postmortem';
import type { RecurrenceDeps } from '../src/recurrence/recurrence-deps';
import { MAX_SIMILAR, similarIncidents } from '../src/recurrence/similar-incidents';
import { type Signature, signatureOf, sizesOf, termsOf } from '../src/recurrence/similarity';
import { newTestDatabase } from '../tools/harness/test-database';
import type { BenchResult } from './result';
import { median, percentile, round } from './stats';
import type { Kysely } from 'kysely';

const PAST = 10_000;
const LOOKUPS = 300;
const T0 = Date.parse('2025-01-01T00:00:00Z');
const HOUR = 3_600_000;
/**
 * The lookup runs when an incident is set up and when its post-mortem form opens, after the form
 * is on screen: it must cost less than the one Slack call that shows what it found (100–300 ms),
 * on either database, and the index must be what makes it so.
 */
const TARGET = { medianMs: 50, p99Ms: 150, speedup: 5 };

/** What incident titles are made of: a service, what it did, and now and then a detail. */
const SERVICES = [
  'checkout', 'payments', 'search', 'orders', 'inventory', 'login', 'sessions', 'billing', 'invoices', 'shipping', 'catalog', 'pricing', 'cart',
  'recommendations', 'notifications', 'email', 'sms', 'webhooks', 'gateway', 'cdn', 'dns', 'kafka', 'postgres', 'redis', 'elasticsearch',
  'scheduler', 'exports', 'imports', 'reporting', 'analytics', 'mobile', 'android', 'ios', 'web', 'admin', 'partners', 'ledger', 'refunds',
  'fraud', 'identity', 'sso', 'uploads', 'media', 'thumbnails', 'feeds', 'chat', 'support', 'status', 'warehouse', 'tax',
];
const SYMPTOMS = [
  'returning 502s', 'returning 500s', 'timing out', 'slow responses', 'high latency', 'down for EU customers', 'queue backlog', 'disk full',
  'memory leak', 'crash loop', 'certificate expired', 'stale cache', 'replication lag', 'connection pool exhausted', 'rate limited',
  'duplicate events', 'missing data', 'wrong totals', 'deploy rollback', 'config push broke', 'failover slow', 'degraded after upgrade',
  'dropped messages', 'login loop', 'blank page', 'partial outage', 'high error rate', 'CPU saturation', 'DNS resolution', 'expired token',
];
const DETAILS = ['after deploy', 'during peak', 'for partners', 'in us-east-1', 'in eu-west-1', 'on mobile', 'for new users', 'overnight', '', '', '', ''];
const TAGS = ['database', 'deploys', 'config', 'capacity', 'network', 'third-party', 'security', 'frontend', 'backend', 'data'];
const ALERTS = ['HighErrorRate', 'HighLatency', 'PodCrashLooping', 'DiskAlmostFull', 'ReplicationLag', 'CertificateExpiry', 'QueueBacklog', 'TargetDown'];

/** A small deterministic generator, so every run measures the same incidents. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
}

interface Generated {
  title: string;
  summary: string;
  tags: string[];
  signature: Signature;
}

function generate(pick: ReturnType<typeof random>): Generated {
  const service = pick(SERVICES);
  const symptom = pick(SYMPTOMS);
  const title = `${service[0]!.toUpperCase()}${service.slice(1)} ${symptom} ${pick(DETAILS)}`.trim();
  const summary = `The ${pick(SERVICES)} service ${pick(SYMPTOMS)} after a change to ${pick(SERVICES)}; ${pick(SYMPTOMS)} followed.`;
  const tags = [pick(TAGS), pick(TAGS)];
  const alert = pick(ALERTS);
  const signature = signatureOf({
    title,
    description: null,
    summary,
    tags,
    alertGroups: [{ source: 'alertmanager', groupKey: `{}:{alertname="${alert}",service="${service}"}`, alerts: [{ name: alert, labels: { service } }] }],
  });
  return { title, summary, tags, signature };
}

/** Inserts in slices, in one transaction: seeding is not what is measured. */
async function insertAll<T extends keyof Database>(db: Kysely<Database>, table: T, rows: readonly object[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto(table).values(rows.slice(i, i + 200) as never).execute();
  });
}

/**
 * 10,000 past incidents, each with a published post-mortem (summary and tags), two action items
 * (one verified, one won't do), an alert and its recurrence signature, declared an hour apart.
 */
async function seed(db: Kysely<Database>): Promise<void> {
  const pick = random(14);
  const incidents: object[] = [];
  const postmortems: object[] = [];
  const items: object[] = [];
  const signatures: object[] = [];
  const terms: object[] = [];
  for (let i = 0; i < PAST; i += 1) {
    const id = `past-${i}`;
    const at = toStoredInstant(new Date(T0 + i * HOUR));
    const { title, summary, tags, signature } = generate(pick);
    incidents.push({
      id, request_key: `seed-${id}`, title, severity: 'SEV2', status: 'postmortem_published', is_private: 0, description: null,
      channel_id: `C${i}`, channel_name: `inc-${i}`, commander_id: 'U1', declared_by: 'U1', responder_ids: '', impact_started_at: at,
      declared_at: at, resolved_at: at, setup_completed_at: at, created_at: at, updated_at: at,
    });
    postmortems.push({
      id: `pm-${id}`, incident_id: id, content: JSON.stringify({ ...EMPTY_CONTENT, summary, tags }), version: 1, updated_by: 'U1', updated_at: at,
      author_ids: 'U1', published_at: at, published_by: 'U1', created_at: at,
    });
    for (const [n, status] of (['done', 'wont_do'] as const).entries()) {
      items.push({
        id: `${id}-${n}`, incident_id: id, description: 'Follow-up', owner_id: 'U2', due_date: '2025-12-01', type: 'prevent', status,
        verification: status === 'done' ? 'verified' : null, created_by: 'U1', created_at: at, updated_at: at,
      });
    }
    const sizes = sizesOf(signature);
    signatures.push({
      incident_id: id, declared_at: at, title_terms: sizes.title, body_terms: sizes.body, tag_terms: sizes.tags, service_terms: sizes.services,
      alert_terms: sizes.alerts, group_terms: sizes.groups, updated_at: at,
    });
    for (const term of termsOf(signature)) terms.push({ incident_id: id, term, declared_at: at });
  }
  await insertAll(db, 'incidents', incidents);
  await insertAll(db, 'postmortems', postmortems);
  await insertAll(db, 'action_items', items);
  await insertAll(db, 'recurrence_signatures', signatures);
  await insertAll(db, 'recurrence_terms', terms);
}

/** New incidents, declared after every past one, from the same mix of services and symptoms. */
function queries(): Array<{ incident: Incident; signature: Signature }> {
  const pick = random(1414);
  return Array.from({ length: LOOKUPS }, (_, i) => {
    const { title, signature } = generate(pick);
    const at = new Date(T0 + (PAST + i) * HOUR);
    const incident = { id: `new-${i}`, title, isPrivate: false, declaredAt: at } as Incident;
    return { incident, signature };
  });
}

async function measure(deps: RecurrenceDeps, lookups: ReturnType<typeof queries>) {
  const ms: number[] = [];
  const found: string[][] = [];
  for (const { incident, signature } of lookups) {
    const start = process.hrtime.bigint();
    const similar = await similarIncidents(deps, incident, signature);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    found.push(similar.map((s) => s.id));
  }
  return { median: median(ms), p99: percentile(ms, 99), found };
}

/**
 * B14: the recurrence lookup a declaration does, over 10,000 past incidents with post-mortems:
 * the incidents sharing a term, read from the term index, scored, the best three (at most) read
 * in full with their post-mortem and action items. Median and p99 of 300 lookups, then the same
 * 300 with `recurrence_terms_term_idx` dropped, in the same run, as a ratio; the answers must be
 * the same both ways.
 */
export async function benchRecurrence(dialect: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const database = await newTestDatabase(dialect);
  const handle = createDb(database.config);
  try {
    await migrateToLatest(handle.db);
    await seed(handle.db);
    // What autovacuum would have done by then: statistics, and the visibility map index-only scans need.
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(handle.db);
    const deps: RecurrenceDeps = {
      db: handle.db,
      clock: { now: () => new Date(T0 + 2 * PAST * HOUR) },
      logger: pino({ level: 'silent' }),
      port: {
        postSimilar: async () => '1.1',
        updateSimilar: async () => undefined,
        findSimilar: async () => undefined,
        permalink: async (channelId, ts) => `https://acme.slack.com/archives/${channelId}/p${ts.replace('.', '')}`,
      },
      postmortemPlaces: async (incident) => ({ message: { channelId: incident.channelId as string, ts: '1.1' }, fileUrl: null }),
    };
    const lookups = queries();
    await measure(deps, lookups.slice(0, 20));
    const indexed = await measure(deps, lookups);
    await handle.db.schema.dropIndex('recurrence_terms_term_idx').execute();
    if (dialect === 'postgres') await sql`analyze recurrence_terms`.execute(handle.db);
    await measure(deps, lookups.slice(0, 20));
    const unindexed = await measure(deps, lookups);

    const same = JSON.stringify(indexed.found) === JSON.stringify(unindexed.found);
    const shown = indexed.found.filter((f) => f.length > 0).length;
    const ratio = unindexed.median / indexed.median;
    const met = indexed.median <= TARGET.medianMs && indexed.p99 <= TARGET.p99Ms && ratio >= TARGET.speedup && same;
    return {
      id: 'B14',
      what: `recurrence lookup over ${PAST.toLocaleString('en-US')} past incidents with post-mortems (${dialect})`,
      figures: {
        median_ms: round(indexed.median),
        p99_ms: round(indexed.p99),
        without_index_median_ms: round(unindexed.median),
        without_index_p99_ms: round(unindexed.p99),
        lookups: LOOKUPS,
        lookups_with_suggestions: shown,
        same_answers_without_index: same,
      },
      comparison: { with: 'the same lookups without recurrence_terms_term_idx', ratio: round(ratio), ratioMeaning: 'times faster with the index (median)' },
      target: `median ≤ ${TARGET.medianMs} ms, p99 ≤ ${TARGET.p99Ms} ms; the index ≥ ${TARGET.speedup}× faster; same answers`,
      met,
      summary: `${round(indexed.median)} ms median, ${round(indexed.p99)} ms p99 (${round(unindexed.median)} / ${round(unindexed.p99)} ms without the index: ${round(ratio)}×); ${MAX_SIMILAR} at most shown, ${shown} of ${LOOKUPS} with any`,
    };
  } finally {
    await handle.close();
    await database.remove();
  }
}
