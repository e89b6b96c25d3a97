import { type Insertable, type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { StoredInstant } from '../db/instant';
import { MATCH_END, MATCH_START } from './match-marks';
import type { SearchField } from './search-document';
import { searchTerms } from './search-terms';
import type { IncidentSearchTable } from './search.table';

export type SearchDocumentRow = Selectable<IncidentSearchTable>;

export async function findSearchDocument(db: Kysely<Database>, incidentId: string): Promise<SearchDocumentRow | undefined> {
  return db.selectFrom('incident_search').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

/** Writes an incident's document, replacing the one before; the index follows on both databases. */
export async function upsertSearchDocument(db: Kysely<Database>, row: Insertable<IncidentSearchTable>): Promise<void> {
  const { incident_id: _id, ...changes } = row;
  await db
    .insertInto('incident_search')
    .values(row)
    .onConflict((oc) => oc.column('incident_id').doUpdateSet(changes))
    .execute();
}

/** Whether there was a document to delete. */
export async function deleteSearchDocument(db: Kysely<Database>, incidentId: string): Promise<boolean> {
  const result = await db.deleteFrom('incident_search').where('incident_id', '=', incidentId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** When the newest document was written; null while there are none. */
export async function lastIndexedAt(db: Kysely<Database>): Promise<StoredInstant | null> {
  const row = await db.selectFrom('incident_search').select((eb) => eb.fn.max('indexed_at').as('latest')).executeTakeFirst();
  return row?.latest ?? null;
}

/** One document that matched, best first. */
export interface SearchMatch {
  incidentId: string;
  /** Higher is better; comparable only within one search. */
  rank: number;
  /** Each field's best passage, matched words between `MATCH_START` and `MATCH_END` (none when it did not match). */
  snippets: Record<SearchField, string>;
}

/**
 * How much a match in each field counts: a match in the title above any match elsewhere, then
 * the summary and tags, the causes, the alerts.
 *
 * FTS5's bm25 takes a weight per column (in the FTS table's order: title, summary, causes, tags,
 * alerts). It also scales by the whole document's length and saturates repeated words, so a title
 * match in an incident with a long post-mortem would lose to a body match in a short one unless
 * the title's weight dwarfs the others by about as much as one document outgrows the other: 100×
 * the summary's covers incidents of any ordinary length. PostgreSQL's ts_rank (no length normalisation)
 * takes the weight classes set when the tsvector is built (title A, summary and tags B, causes C,
 * alerts D), valued {1.0, 0.4, 0.2, 0.1} by default.
 */
const BM25_WEIGHTS = sql.raw('500.0, 5.0, 2.0, 5.0, 1.0');
/** Words in a snippet: enough for a line of context around the match. */
const SNIPPET_TOKENS = 14;

/**
 * Documents matching every word of `query`, best first and, at equal rank, newest first: a page of
 * `limit` from `offset`. The words are read by `searchTerms`, so nothing typed is taken as search
 * syntax; a query without words matches nothing.
 *
 * The one place the two databases differ: FTS5 `MATCH` with `bm25()` and `snippet()` on SQLite,
 * `plainto_tsquery` with `ts_rank()` and `ts_headline()` on PostgreSQL.
 */
export async function searchDocuments(db: Kysely<Database>, query: string, limit: number, offset = 0): Promise<SearchMatch[]> {
  const terms = searchTerms(query);
  if (terms.length === 0 || limit <= 0) return [];

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const options = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=${SNIPPET_TOKENS + 4}, MinWords=${SNIPPET_TOKENS - 6}, ShortWord=2, MaxFragments=1`;
    const headline = (column: string) => sql`ts_headline('english', best.${sql.ref(column)}, q.query, ${options})`;
    const { rows } = await sql<SnippetRow & { incident_id: string; rank: number }>`
      with q as (select plainto_tsquery('english', ${terms.join(' ')}) as query),
      best as (
        select s.incident_id, s.declared_at, s.title, s.summary, s.causes, s.tags, s.alerts, ts_rank(s.search_vector, q.query) as rank
        from incident_search s cross join q
        where s.search_vector @@ q.query
        order by rank desc, s.declared_at desc
        limit ${limit} offset ${offset}
      )
      select best.incident_id, best.rank,
        ${headline('title')} as title, ${headline('summary')} as summary, ${headline('causes')} as causes,
        ${headline('tags')} as tags, ${headline('alerts')} as alerts
      from best cross join q
      order by best.rank desc, best.declared_at desc`.execute(db);
    return rows.map((row) => ({ incidentId: row.incident_id, rank: Number(row.rank), snippets: snippetsOf(row) }));
  }

  // Each word quoted: FTS5 reads it as a plain string, whatever it is ("near", "not", "or").
  const match = terms.map((term) => `"${term}"`).join(' ');
  const { rows: ranked } = await sql<{ doc_id: number; incident_id: string; score: number }>`
    select s.doc_id, s.incident_id, bm25(incident_search_fts, ${BM25_WEIGHTS}) as score
    from incident_search_fts join incident_search s on s.doc_id = incident_search_fts.rowid
    where incident_search_fts match ${match}
    order by score, s.declared_at desc
    limit ${limit} offset ${offset}`.execute(db);
  if (ranked.length === 0) return [];
  // Snippets for this page only: computing them in the ranking query would cost one per match.
  const snippet = (column: number) => sql`snippet(incident_search_fts, ${sql.lit(column)}, ${MATCH_START}, ${MATCH_END}, '…', ${sql.lit(SNIPPET_TOKENS)})`;
  const { rows } = await sql<SnippetRow & { doc_id: number }>`
    select rowid as doc_id, ${snippet(0)} as title, ${snippet(1)} as summary, ${snippet(2)} as causes, ${snippet(3)} as tags, ${snippet(4)} as alerts
    from incident_search_fts
    where incident_search_fts match ${match} and rowid in (${sql.join(ranked.map((r) => r.doc_id))})`.execute(db);
  const snippets = new Map(rows.map((row) => [row.doc_id, snippetsOf(row)]));
  // bm25 is lower for better matches.
  return ranked.map((row) => ({ incidentId: row.incident_id, rank: -row.score, snippets: snippets.get(row.doc_id) ?? snippetsOf({}) }));
}

type SnippetRow = Partial<Record<SearchField, string | null>>;

function snippetsOf(row: SnippetRow): Record<SearchField, string> {
  return { title: row.title ?? '', summary: row.summary ?? '', causes: row.causes ?? '', tags: row.tags ?? '', alerts: row.alerts ?? '' };
}
