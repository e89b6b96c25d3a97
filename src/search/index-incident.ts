import type { Kysely } from 'kysely';
import { linkedAlertText } from '../alerts/linked-alert-text';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { incidentsById } from '../incidents/incidents-by-id';
import { postmortemFor } from '../postmortems/postmortem-queries';
import { SEARCH_FIELDS, type SearchDocument, searchDocument } from './search-document';
import { type SearchDocumentRow, deleteSearchDocument, findSearchDocument, upsertSearchDocument } from './search.repository';

/** What indexing an incident did. */
export type IndexOutcome = 'written' | 'unchanged' | 'removed' | 'not_set_up' | 'gone';

/**
 * Brings an incident's search document up to date with the incident, its post-mortem and its
 * linked alerts, read through those features' own queries. Writes only when the words changed,
 * so indexing the same incident again is cheap; an incident that no longer exists leaves the index.
 */
export async function indexIncident(db: Kysely<Database>, incidentId: string, at: Date): Promise<IndexOutcome> {
  const incident = (await incidentsById(db, [incidentId])).get(incidentId);
  if (!incident) return (await deleteSearchDocument(db, incidentId)) ? 'removed' : 'gone';
  // Until its channel exists an incident cannot be opened from a result; setting up stamps it changed.
  if (!incident.setupCompletedAt) return 'not_set_up';
  const document = searchDocument(incident, await postmortemFor(db, incidentId), await linkedAlertText(db, incidentId));
  const stored = await findSearchDocument(db, incidentId);
  if (stored && sameWords(stored, document)) return 'unchanged';
  await upsertSearchDocument(db, {
    incident_id: document.incidentId,
    declared_at: toStoredInstant(document.declaredAt),
    title: document.title,
    summary: document.summary,
    causes: document.causes,
    tags: document.tags,
    alerts: document.alerts,
    indexed_at: toStoredInstant(at),
  });
  return 'written';
}

function sameWords(stored: SearchDocumentRow, document: SearchDocument): boolean {
  return stored.declared_at === toStoredInstant(document.declaredAt) && SEARCH_FIELDS.every((field) => stored[field] === document[field]);
}
