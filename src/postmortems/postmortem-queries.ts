import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Postmortem } from './postmortem';
import { toPostmortem, unsavedPostmortem } from './postmortem-mapper';
import { findPostmortemByIncident } from './postmortems.repository';

/** The incident's post-mortem as last saved, or an empty one at version 0. */
export async function postmortemFor(db: Kysely<Database>, incidentId: string): Promise<Postmortem> {
  const row = await findPostmortemByIncident(db, incidentId);
  return row ? toPostmortem(row) : unsavedPostmortem(incidentId);
}
