import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';

/**
 * Incidents whose post-mortem was saved at or after `since` (every save stamps `updated_at`;
 * publishing moves the incident itself on). For features that keep something derived from
 * post-mortems current, such as search.
 */
export async function postmortemsChangedSince(db: Kysely<Database>, since: Date): Promise<string[]> {
  const rows = await db.selectFrom('postmortems').select('incident_id').where('updated_at', '>=', toStoredInstant(since)).execute();
  return rows.map((row) => row.incident_id);
}
