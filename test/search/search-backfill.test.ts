import { Migrator } from 'kysely';
import { toAlertRow } from '../../src/alerts/alert-group-mapper';
import { ensureGroup, linkGroup, upsertAlert } from '../../src/alerts/alerts.repository';
import { createDb } from '../../src/db/create-db';
import { FolderMigrationProvider } from '../../src/db/migrate';
import { seedIncident } from '../../tools/harness/test-db';
import { insertIncident } from '../../src/incidents/incidents.repository';
import { EMPTY_CONTENT } from '../../src/postmortems/postmortem';
import { insertPostmortem } from '../../src/postmortems/postmortems.repository';
import { indexIncident } from '../../src/search/index-incident';
import { searchIncidents } from '../../src/search/search-incidents';
import { TEST_DIALECT, newTestDatabase } from '../../tools/harness/test-database';

const BEFORE = '2026-12-02-02-tracker-issues-and-verification';
const SEARCH = '2026-12-02-03-incident-search';

describe(`the search migration (${TEST_DIALECT})`, () => {
  it('indexes the incidents already there, as the indexer would, and goes down cleanly', async () => {
    const database = await newTestDatabase();
    const handle = createDb(database.config);
    const migrator = new Migrator({ db: handle.db, provider: new FolderMigrationProvider() });
    try {
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      const at = '2026-11-22T10:00:00.000Z';
      await seedIncident(handle, { id: 'inc-1' });
      await insertPostmortem(handle.db, {
        id: 'pm-1',
        incident_id: 'inc-1',
        content: JSON.stringify({ ...EMPTY_CONTENT, summary: 'The retry flag was off.', causes: { avoid: ['No canary'], detect: [], fixFaster: [] }, fiveWhys: ['Why? A typo.'], tags: ['payments'] }),
        version: 2,
        updated_by: 'U1',
        updated_at: '2026-11-23T09:00:00.000Z',
        author_ids: 'U1',
        created_at: at,
      });
      await ensureGroup(handle.db, { id: 'g1', group_hash: 'h1', source: 'alertmanager', group_key: 'k', title: 'CheckoutErrors', severity: 'SEV2', state: 'offered', first_received_at: at, last_received_at: at, created_at: at, updated_at: at });
      await linkGroup(handle.db, 'g1', 'inc-1', at);
      const alert = { fingerprint: 'f', status: 'firing' as const, name: 'CheckoutErrors', summary: 'Errors <@U9> high', description: null, severity: null, labels: { service: 'checkout-api' }, startsAt: new Date(at), endsAt: null, links: {} };
      await upsertAlert(handle.db, toAlertRow('g1', alert, new Date(at)));
      // Never set up: nothing to open from a result.
      await insertIncident(handle.db, { ...(await handle.db.selectFrom('incidents').selectAll().where('id', '=', 'inc-1').executeTakeFirstOrThrow()), id: 'inc-2', request_key: 'V-2', channel_id: null, setup_completed_at: null });

      expect((await migrator.migrateTo(SEARCH)).error).toBeUndefined();
      const documents = await handle.db.selectFrom('incident_search').selectAll().execute();
      expect(documents.map((d) => d.incident_id)).toEqual(['inc-1']);
      // Written as of its latest change: the indexer looks for changes from there.
      expect(documents[0]?.indexed_at).toBe('2026-11-23T09:00:00.000Z');
      expect(await indexIncident(handle.db, 'inc-1', new Date())).toBe('unchanged');
      const found = await searchIncidents({ db: handle.db, members: { isMember: async () => true } }, 'U1', 'canary checkout-api');
      expect(found.kind === 'results' && found.hits.map((h) => [h.incident.id, h.matchedIn])).toEqual([['inc-1', ['title', 'causes', 'alerts']]]);

      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
      expect(tables.filter((name) => name.startsWith('incident_search'))).toEqual([]);
    } finally {
      await handle.close();
      await database.remove();
    }
  });
});
