import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { fromStoredInstant } from '../db/instant';
import { listRecentlyPublished } from './postmortems.repository';

export interface PublishedPostmortem {
  incidentId: string;
  publishedAt: Date;
}

/**
 * The post-mortems published most recently, newest first. Only the post-mortem's side: whoever
 * shows them reads the incidents through the incidents feature, which decides who may see them.
 */
export async function recentlyPublished(db: Kysely<Database>, limit: number): Promise<PublishedPostmortem[]> {
  const rows = await listRecentlyPublished(db, limit);
  return rows.flatMap((row) => (row.published_at ? [{ incidentId: row.incident_id, publishedAt: fromStoredInstant(row.published_at) }] : []));
}
