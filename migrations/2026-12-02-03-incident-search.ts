import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Full-text search over past incidents: one document per incident (`incident_search`), the words
 * people would look for it by — title, summary, causes, tags and its alerts — and when it was
 * declared (newer wins ties), plus when the document was written (the indexer's watermark).
 *
 * The documents table is the same on both databases, so writing one is the same upsert on both;
 * only the index over it differs:
 * - SQLite: an FTS5 table over the documents (external content), kept in step by triggers. The
 *   documents carry an `integer primary key` because FTS5 joins on the rowid, and only an aliased
 *   rowid survives VACUUM.
 * - PostgreSQL: a generated `tsvector` (title A, summary and tags B, causes C, alerts D) with a
 *   GIN index.
 *
 * Existing incidents are indexed here, the same way the bot's indexer builds a document.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create table incident_search (
        incident_id varchar(64) primary key,
        declared_at varchar(32) not null,
        title text not null,
        summary text not null,
        causes text not null,
        tags text not null,
        alerts text not null,
        indexed_at varchar(32) not null,
        search_vector tsvector generated always as (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', summary), 'B') ||
          setweight(to_tsvector('english', tags), 'B') ||
          setweight(to_tsvector('english', causes), 'C') ||
          setweight(to_tsvector('english', alerts), 'D')
        ) stored
      )`.execute(db);
    await sql`create index incident_search_vector_idx on incident_search using gin (search_vector)`.execute(db);
  } else {
    await sql`
      create table incident_search (
        doc_id integer primary key,
        incident_id varchar(64) not null unique,
        declared_at varchar(32) not null,
        title text not null,
        summary text not null,
        causes text not null,
        tags text not null,
        alerts text not null,
        indexed_at varchar(32) not null
      )`.execute(db);
    // Porter stemming, as PostgreSQL's English configuration stems: "failing" finds "failed".
    await sql`
      create virtual table incident_search_fts using fts5(
        title, summary, causes, tags, alerts,
        content = 'incident_search', content_rowid = 'doc_id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      )`.execute(db);
    await sql`
      create trigger incident_search_inserted after insert on incident_search begin
        insert into incident_search_fts (rowid, title, summary, causes, tags, alerts)
        values (new.doc_id, new.title, new.summary, new.causes, new.tags, new.alerts);
      end`.execute(db);
    await sql`
      create trigger incident_search_deleted after delete on incident_search begin
        insert into incident_search_fts (incident_search_fts, rowid, title, summary, causes, tags, alerts)
        values ('delete', old.doc_id, old.title, old.summary, old.causes, old.tags, old.alerts);
      end`.execute(db);
    await sql`
      create trigger incident_search_updated after update on incident_search begin
        insert into incident_search_fts (incident_search_fts, rowid, title, summary, causes, tags, alerts)
        values ('delete', old.doc_id, old.title, old.summary, old.causes, old.tags, old.alerts);
        insert into incident_search_fts (rowid, title, summary, causes, tags, alerts)
        values (new.doc_id, new.title, new.summary, new.causes, new.tags, new.alerts);
      end`.execute(db);
  }
  await db.schema.createIndex('incident_search_indexed_idx').on('incident_search').column('indexed_at').execute();
  await backfill(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    for (const trigger of ['incident_search_updated', 'incident_search_deleted', 'incident_search_inserted']) {
      await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
    }
    await sql`drop table incident_search_fts`.execute(db);
  }
  await db.schema.dropTable('incident_search').execute();
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Rows written per insert: well under either database's limit on bound values. */
const BATCH = 200;

/** Control characters (tab and newline aside) never reach the index: search marks matches with two of them. */
const clean = (text: string | null | undefined) => (text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
const lines = (parts: Array<string | null | undefined>) => parts.map(clean).filter(Boolean).join('\n');
const latest = (...instants: Array<string | null | undefined>) => instants.filter((i): i is string => Boolean(i)).sort().at(-1) as string;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

interface StoredContent {
  summary?: string;
  impact?: string;
  causes?: { avoid?: string[]; detect?: string[]; fixFaster?: string[] };
  fiveWhys?: string[];
  tags?: string[];
}

/** Every incident that was set up, as a document; written with the time of its latest change. */
async function backfill(db: Kysely<any>): Promise<void> {
  const incidents = await db
    .selectFrom('incidents')
    .select(['id', 'title', 'description', 'resolution_note', 'declared_at', 'updated_at'])
    .where('setup_completed_at', 'is not', null)
    .execute();
  if (incidents.length === 0) return;
  const postmortems = new Map<string, { content: string; updated_at: string | null }>();
  for (const row of await db.selectFrom('postmortems').select(['incident_id', 'content', 'updated_at']).execute()) postmortems.set(row.incident_id, row);
  const groups = await db.selectFrom('alert_groups').select(['id', 'incident_id', 'title', 'updated_at']).where('state', '=', 'linked').execute();
  const alerts = await db.selectFrom('alert_group_alerts').select(['group_id', 'name', 'summary', 'labels']).execute();
  const alertsByGroup = groupBy(alerts, (a) => a.group_id as string);
  const groupsByIncident = groupBy(groups, (g) => g.incident_id as string);

  const documents = incidents.map((incident) => {
    const postmortem = postmortems.get(incident.id);
    const content = (postmortem ? JSON.parse(postmortem.content) : {}) as StoredContent;
    const causes = content.causes ?? {};
    const linked = groupsByIncident.get(incident.id) ?? [];
    const alertWords = new Set<string>();
    for (const group of linked) {
      alertWords.add(clean(group.title));
      for (const alert of alertsByGroup.get(group.id) ?? []) {
        alertWords.add(clean(alert.name));
        alertWords.add(clean(alert.summary));
        for (const [name, value] of Object.entries(JSON.parse(alert.labels) as Record<string, string>)) alertWords.add(clean(`${name}=${value}`));
      }
    }
    alertWords.delete('');
    return {
      incident_id: incident.id,
      declared_at: incident.declared_at,
      title: clean(incident.title),
      summary: lines([incident.description, content.summary, content.impact, incident.resolution_note]),
      causes: lines([...(causes.avoid ?? []), ...(causes.detect ?? []), ...(causes.fixFaster ?? []), ...(content.fiveWhys ?? [])]),
      tags: (content.tags ?? []).map(clean).filter(Boolean).join(', '),
      alerts: [...alertWords].join('\n'),
      indexed_at: latest(incident.updated_at, postmortem?.updated_at, ...linked.map((g) => g.updated_at)),
    };
  });
  for (let i = 0; i < documents.length; i += BATCH) {
    await db.insertInto('incident_search').values(documents.slice(i, i + BATCH)).execute();
  }
}
