import type { StoredInstant } from '../db/instant';

/**
 * One searchable document per incident: the words people look it up by, gathered from the
 * incident, its post-mortem and its alerts. The index over it is the database's own (FTS5 on
 * SQLite, a `tsvector` on PostgreSQL; see the migration), so only these columns are written.
 */
export interface IncidentSearchTable {
  incident_id: string;
  /** When the incident was declared: equal relevance, newer first. */
  declared_at: StoredInstant;
  title: string;
  /** The incident's description and resolution note, the post-mortem's summary and impact. */
  summary: string;
  /** The post-mortem's causes and five whys. */
  causes: string;
  tags: string;
  /** Linked alerts' group titles, names, summaries and labels (`name=value`). */
  alerts: string;
  /** When the document was written: the indexer looks for changes since the latest. */
  indexed_at: StoredInstant;
}
