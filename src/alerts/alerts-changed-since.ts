import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';

/**
 * Incidents whose alerts changed at or after `since`: a group linked to them, or one of its
 * alerts arriving or changing (each stamps the group's `updated_at`). Groups once linked count
 * too, so whatever derived from them can drop them. For features such as search.
 */
export async function alertsChangedSince(db: Kysely<Database>, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('alert_groups')
    .select('incident_id')
    .distinct()
    .where('incident_id', 'is not', null)
    .where('updated_at', '>=', toStoredInstant(since))
    .execute();
  return rows.flatMap((row) => (row.incident_id ? [row.incident_id] : []));
}
