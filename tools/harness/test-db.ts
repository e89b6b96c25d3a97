import { type DbHandle, createDb } from '../../src/db/create-db';
import { migrateToLatest } from '../../src/db/migrate';
import { insertIncident } from '../../src/incidents/incidents.repository';
import { newTestDatabase } from './test-database';

/** A migrated database of its own (SQLite, or PostgreSQL in that run), for plain tests of services. */
export async function testDatabase(): Promise<DbHandle & { remove(): Promise<void> }> {
  const database = await newTestDatabase();
  const handle = createDb(database.config);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async remove() {
      await handle.close();
      await database.remove();
    },
  };
}

/** An incident whose channel is set up, as declaring would leave it. */
export async function seedIncident(handle: DbHandle, overrides: { id?: string; channelId?: string } = {}) {
  const at = '2026-11-22T10:00:00.000Z';
  const id = overrides.id ?? 'incident-1';
  await insertIncident(handle.db, {
    id,
    request_key: `V-${id}`,
    title: 'Checkout errors',
    severity: 'SEV2',
    status: 'investigating',
    is_private: 0,
    channel_id: overrides.channelId ?? 'C0INC',
    channel_name: 'inc-20261122-checkout-errors',
    commander_id: 'U1',
    declared_by: 'U1',
    responder_ids: '',
    impact_started_at: at,
    declared_at: at,
    setup_completed_at: at,
    created_at: at,
    updated_at: at,
  });
  return id;
}
