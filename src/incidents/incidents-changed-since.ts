import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';

/**
 * Incidents set up whose row changed at or after `since`: every change to an incident (declaring,
 * its status, severity, commander, resolving, publishing its post-mortem) stamps `updated_at`.
 * For features that keep something derived from incidents current, such as search.
 */
export async function incidentsChangedSince(db: Kysely<Database>, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('incidents')
    .select('id')
    .where('updated_at', '>=', toStoredInstant(since))
    .where('setup_completed_at', 'is not', null)
    .execute();
  return rows.map((row) => row.id);
}
