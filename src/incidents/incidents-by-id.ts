import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Incident } from './incident';
import { toIncident } from './incident-mapper';
import { findIncidentsByIds } from './incidents.repository';

/**
 * The incidents with these ids, by id, in one read. An id with no incident (one removed when its
 * channel could not be created) is simply absent, so lists built from other features' rows skip it.
 */
export async function incidentsById(db: Kysely<Database>, ids: Iterable<string>): Promise<Map<string, Incident>> {
  const rows = await findIncidentsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, toIncident(row)]));
}
