import pino from 'pino';
import { toAlertRow } from '../../src/alerts/alert-group-mapper';
import { ensureGroup, linkGroup, upsertAlert } from '../../src/alerts/alerts.repository';
import type { DbHandle } from '../../src/db/create-db';
import { insertIncident, updateIncident } from '../../src/incidents/incidents.repository';
import type { MembershipPort } from '../../src/incidents/membership-port';
import { EMPTY_CONTENT, type PostmortemContent } from '../../src/postmortems/postmortem';
import { insertPostmortem, updatePostmortem } from '../../src/postmortems/postmortems.repository';
import { MATCH_END, MATCH_START } from '../../src/search/match-marks';
import { searchIndexRefresher } from '../../src/search/search-index-refresher';
import { type SearchOutcome, searchIncidents } from '../../src/search/search-incidents';
import { TEST_DIALECT } from '../../tools/harness/test-database';
import { testDatabase } from '../../tools/harness/test-db';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

/** Alice is in every channel; Bob in none of the private ones. */
const members: MembershipPort = { isMember: async (channel, user) => user === 'U_ALICE' || !channel.startsWith('CPRIV') };

interface Seed {
  id: string;
  title: string;
  declared: Date;
  description?: string;
  private?: boolean;
  postmortem?: Partial<PostmortemContent>;
  published?: boolean;
  alert?: { name: string; labels: Record<string, string> };
}

describe(`searching past incidents (${TEST_DIALECT})`, () => {
  let handle: DbHandle & { remove(): Promise<void> };
  let now = day(400);
  const clock = { now: () => now };
  let refresh: () => Promise<number>;

  async function seed(s: Seed): Promise<void> {
    const at = s.declared.toISOString();
    await insertIncident(handle.db, {
      id: s.id,
      request_key: `V-${s.id}`,
      title: s.title,
      severity: 'SEV2',
      status: s.published ? 'postmortem_published' : 'resolved',
      is_private: s.private ? 1 : 0,
      description: s.description ?? null,
      channel_id: s.private ? `CPRIV${s.id}` : `C${s.id}`,
      channel_name: `inc-${s.id}`,
      commander_id: 'U_ALICE',
      declared_by: 'U_ALICE',
      responder_ids: '',
      impact_started_at: at,
      declared_at: at,
      resolved_at: at,
      setup_completed_at: at,
      created_at: at,
      updated_at: at,
    });
    if (s.postmortem) {
      await insertPostmortem(handle.db, {
        id: `pm-${s.id}`,
        incident_id: s.id,
        content: JSON.stringify({ ...EMPTY_CONTENT, ...s.postmortem }),
        version: 1,
        updated_by: 'U_ALICE',
        updated_at: at,
        author_ids: 'U_ALICE',
        published_at: s.published ? at : null,
        created_at: at,
      });
    }
    if (s.alert) {
      const groupId = `g-${s.id}`;
      await ensureGroup(handle.db, {
        id: groupId,
        group_hash: `hash-${s.id}`,
        source: 'alertmanager',
        group_key: `{}:{alertname="${s.alert.name}"}`,
        title: s.alert.name,
        severity: 'SEV2',
        state: 'offered',
        first_received_at: at,
        last_received_at: at,
        created_at: at,
        updated_at: at,
      });
      await linkGroup(handle.db, groupId, s.id, at);
      const alert = { fingerprint: 'f1', status: 'firing' as const, name: s.alert.name, summary: null, description: null, severity: 'critical', labels: s.alert.labels, startsAt: s.declared, endsAt: null, links: {} };
      await upsertAlert(handle.db, toAlertRow(groupId, alert, s.declared));
    }
  }

  const search = async (user: string, query: string): Promise<SearchOutcome> => searchIncidents({ db: handle.db, members }, user, query);
  const titles = async (user: string, query: string) => {
    const outcome = await search(user, query);
    return outcome.kind === 'results' ? outcome.hits.map((h) => h.incident.title) : outcome.kind;
  };

  beforeAll(async () => {
    handle = await testDatabase();
    refresh = searchIndexRefresher({ db: handle.db, clock, logger: pino({ level: 'silent' }) });
    await seed({
      id: 'old-title',
      title: 'Database failover stalled checkout',
      declared: day(10),
      postmortem: { summary: 'The primary lost its disk and the replica took four minutes to promote.', causes: { avoid: ['No disk alerting'], detect: [], fixFaster: ['Manual promotion'] }, tags: ['postgres'] },
      published: true,
    });
    await seed({
      id: 'new-body',
      title: 'Checkout latency',
      declared: day(200),
      postmortem: { summary: 'Slow queries on the orders database after an index was dropped.', causes: { avoid: ['Migrations are not reviewed'], detect: ['No latency SLO'], fixFaster: [] }, tags: ['orders'] },
    });
    // Twins but for when they happened: nothing tells them apart but their age.
    await seed({ id: 'twin-2025', title: 'Cache stampede on the catalogue', declared: day(50), description: 'Every node refilled the cache at once.' });
    await seed({ id: 'twin-2026', title: 'Cache stampede on the catalogue', declared: day(300), description: 'Every node refilled the cache at once.' });
    await seed({
      id: 'alerted',
      title: 'Payments errors',
      declared: day(120),
      postmortem: { summary: 'Card payments failed.', causes: { avoid: ['A certificate expired'], detect: ['Expiry was not monitored'], fixFaster: [] }, tags: ['kafka', 'payments'] },
      alert: { name: 'PaymentsHighErrorRate', labels: { service: 'payments-gateway', team: 'money' } },
    });
    await seed({ id: 'secret', title: 'Leaked credentials in a public bucket', declared: day(250), private: true, description: 'A database dump was public for an hour.' });
    // A title match in an incident with a long post-mortem, a body match in a short newer one.
    const longSummary = Array.from({ length: 60 }, (_, i) => `Step ${i}: the team checked the queue, the workers and the load balancer again.`).join(' ');
    await seed({ id: 'long', title: 'Replication lag during the drill', declared: day(30), postmortem: { summary: longSummary, impact: longSummary } });
    await seed({ id: 'short', title: 'Disk full', declared: day(330), description: 'Replication stopped.' });
    expect(await refresh()).toBe(8);
  });
  afterAll(() => handle.remove());

  it('ranks a match in the title above a match in the body, even a newer one', async () => {
    const outcome = await search('U_BOB', 'database');
    expect(outcome.kind).toBe('results');
    if (outcome.kind !== 'results') return;
    expect(outcome.hits.map((h) => h.incident.id)).toEqual(['old-title', 'new-body']);
    expect(outcome.hits[0]!.matchedIn).toEqual(['title']);
    expect(outcome.hits[0]!.snippet).toBeNull();
    expect(outcome.hits[0]!.postmortem).toBe('published');
    expect(outcome.hits[1]!.matchedIn).toEqual(['summary']);
    expect(outcome.hits[1]!.postmortem).toBe('draft');
    expect(outcome.hits[1]!.snippet).toContain(`${MATCH_START}database${MATCH_END}`);
  });

  it('ranks a title match first however long the post-mortem beside it', async () => {
    expect(await titles('U_BOB', 'replication')).toEqual(['Replication lag during the drill', 'Disk full']);
  });

  it('puts the newer of two equally good matches first', async () => {
    expect(await titles('U_BOB', 'stampede')).toEqual(['Cache stampede on the catalogue', 'Cache stampede on the catalogue']);
    const outcome = await search('U_BOB', 'cache stampede');
    expect(outcome.kind === 'results' && outcome.hits.map((h) => h.incident.id)).toEqual(['twin-2026', 'twin-2025']);
    const none = await search('U_BOB', 'stampede');
    expect(none.kind === 'results' && none.hits.every((h) => h.postmortem === 'none')).toBe(true);
  });

  it('finds incidents by their causes, tags and alerts, every word required, words stemmed', async () => {
    expect(await titles('U_BOB', 'certificate expired')).toEqual(['Payments errors']);
    expect(await titles('U_BOB', 'kafka')).toEqual(['Payments errors']);
    expect(await titles('U_BOB', 'payments-gateway')).toEqual(['Payments errors']);
    expect(await titles('U_BOB', 'PaymentsHighErrorRate')).toEqual(['Payments errors']);
    expect(await titles('U_BOB', 'kafka database')).toEqual([]);
    // "monitoring" and "monitored" share their stem on both databases.
    expect(await titles('U_BOB', 'monitoring')).toEqual(['Payments errors']);
    const outcome = await search('U_BOB', 'gateway');
    expect(outcome.kind === 'results' && outcome.hits[0]!.matchedIn).toEqual(['alerts']);
  });

  it('never takes what people type as search syntax', async () => {
    const inputs = ['"database', 'database"', '*', 'data*', 'title:database', '-database', 'NEAR(database checkout)', 'database NEAR checkout', '(database OR', 'AND', 'NOT database', '^database', "it's", 'a:*', '{title}: database', '\\', '%', '_', '💥 database', '\u0002database\u0003'];
    for (const input of inputs) {
      await expect(search('U_BOB', input)).resolves.toHaveProperty('kind');
    }
    expect(await titles('U_BOB', '"database"')).toEqual(await titles('U_BOB', 'database'));
    expect([...(await titles('U_BOB', '-database checkout:*'))].sort()).toEqual(['Checkout latency', 'Database failover stalled checkout']);
    expect(await titles('U_BOB', '*')).toBe('no_words');
    expect(await titles('U_BOB', 'the of')).toBe('no_words');
    expect(await titles('U_BOB', '   ')).toBe('no_words');
  });

  it('finds a private incident only for members of its channel', async () => {
    expect(await titles('U_BOB', 'leaked credentials')).toEqual([]);
    expect(await titles('U_ALICE', 'leaked credentials')).toEqual(['Leaked credentials in a public bucket']);
    expect(await titles('U_BOB', 'dump')).toEqual([]);
    expect(await titles('U_ALICE', 'dump')).toEqual(['Leaked credentials in a public bucket']);
    const all = await titles('U_ALICE', 'database');
    expect(all[0]).toBe('Database failover stalled checkout');
    expect([...all].sort()).toEqual(['Checkout latency', 'Database failover stalled checkout', 'Leaked credentials in a public bucket']);
  });

  it('shows a change after the next pass, and leaves unchanged incidents alone', async () => {
    expect(await refresh()).toBe(0);
    expect(await titles('U_BOB', 'zookeeper')).toEqual([]);
    now = day(401);
    await updatePostmortem(handle.db, 'pm-new-body', { content: JSON.stringify({ ...EMPTY_CONTENT, summary: 'Zookeeper lost quorum.' }), updated_at: now.toISOString() });
    await updateIncident(handle.db, 'twin-2025', { title: 'Cache stampede on the catalogue (first)', updated_at: now.toISOString() });
    expect(await refresh()).toBe(2);
    expect(await titles('U_BOB', 'zookeeper')).toEqual(['Checkout latency']);
    expect(await titles('U_BOB', 'first stampede')).toEqual(['Cache stampede on the catalogue (first)']);
  });
});
