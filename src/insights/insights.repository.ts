import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/database';
import type { StoredInstant } from '../db/instant';
import type { InsightDigestsTable } from './insights.table';

/*
 * Insights are a read model. These queries read the incident, post-mortem, action item and alert
 * tables, and never write them: counting over a year of incidents has to happen in the database,
 * not in a loop over each feature's service. The only table insights write is `insight_digests`.
 */

/** A period and the one before, as stored instants: `[from, to)`. */
export interface StoredRanges {
  current: { from: StoredInstant; to: StoredInstant };
  previous: { from: StoredInstant; to: StoredInstant };
}

export interface InsightIncidentRow {
  id: string;
  severity: string;
  is_private: number;
  channel_id: string | null;
  impact_started_at: StoredInstant;
  declared_at: StoredInstant;
  detected_at: StoredInstant | null;
  mitigated_at: StoredInstant | null;
  resolved_at: StoredInstant | null;
  published_at: StoredInstant | null;
}

/**
 * A count for one key in each period. Public incidents are counted together (`private_id` null);
 * each private incident's apart, so whoever may not see it can be left out after counting.
 */
export interface KeyedCountRow {
  key: string;
  private_id: string | null;
  current: number;
  previous: number;
}

/** Incidents declared in either period, with their post-mortem's publication. */
export async function incidentsDeclaredIn(db: Kysely<Database>, ranges: StoredRanges): Promise<InsightIncidentRow[]> {
  return db
    .selectFrom('incidents as i')
    .leftJoin('postmortems as p', 'p.incident_id', 'i.id')
    .select(['i.id', 'i.severity', 'i.is_private', 'i.channel_id', 'i.impact_started_at', 'i.declared_at', 'i.detected_at', 'i.mitigated_at', 'i.resolved_at', 'p.published_at'])
    .where('i.declared_at', '>=', ranges.previous.from)
    .where('i.declared_at', '<', ranges.current.to)
    .execute();
}

/** The incident, when it is private; null for every public one (they are counted together). */
const privateId = sql<string | null>`case when i.is_private = 1 then i.id end`;
/**
 * The same for an action item, without joining its incident for each row: the private incidents'
 * ids are read once into a set the database keeps for the query.
 */
const itemPrivateId = sql<string | null>`case when a.incident_id in (select p.id from incidents p where p.is_private = 1) then a.incident_id end`;

/** `1` for rows whose `column` falls in the range, summed. */
const countIn = (column: RawBuilder<unknown>, range: { from: string; to: string }) =>
  sql<number>`sum(case when ${column} >= ${range.from} and ${column} < ${range.to} then 1 else 0 end)`;

/** Distinct incidents declared in the range. */
const incidentsIn = (range: { from: string; to: string }) =>
  sql<number>`count(distinct case when i.declared_at >= ${range.from} and i.declared_at < ${range.to} then i.id end)`;

const toCounts = (rows: Array<Omit<KeyedCountRow, 'current' | 'previous'> & { current: unknown; previous: unknown }>): KeyedCountRow[] =>
  // PostgreSQL returns sums and counts as text (bigint).
  rows.map((row) => ({ ...row, current: Number(row.current ?? 0), previous: Number(row.previous ?? 0) }));

/** Grouped by the first two columns, the key and the private incident: the same words on both databases. */
const byKeyAndIncident = [sql`1`, sql`2`];

/** Action items closed as `status` (done, won't do) in either period, by owner. */
export async function itemsClosedIn(db: Kysely<Database>, status: 'done' | 'wont_do', ranges: StoredRanges): Promise<KeyedCountRow[]> {
  const changed = sql.ref('a.status_changed_at');
  const rows = await db
    .selectFrom('action_items as a')
    .select(['a.owner_id as key', itemPrivateId.as('private_id'), countIn(changed, ranges.current).as('current'), countIn(changed, ranges.previous).as('previous')])
    .where('a.status', '=', status)
    .where('a.status_changed_at', '>=', ranges.previous.from)
    .where('a.status_changed_at', '<', ranges.current.to)
    .groupBy(byKeyAndIncident)
    .execute();
  return toCounts(rows);
}

/** Done items confirmed to work in either period, by owner. */
export async function itemsVerifiedIn(db: Kysely<Database>, ranges: StoredRanges): Promise<KeyedCountRow[]> {
  const verified = sql.ref('a.verified_at');
  const rows = await db
    .selectFrom('action_items as a')
    .select(['a.owner_id as key', itemPrivateId.as('private_id'), countIn(verified, ranges.current).as('current'), countIn(verified, ranges.previous).as('previous')])
    .where('a.verification', '=', 'verified')
    .where('a.verified_at', '>=', ranges.previous.from)
    .where('a.verified_at', '<', ranges.current.to)
    .groupBy(byKeyAndIncident)
    .execute();
  return toCounts(rows);
}

/** Open items due before `today` (`yyyy-MM-dd`), by owner: overdue now, so nothing before. */
export async function itemsOverdue(db: Kysely<Database>, today: string): Promise<KeyedCountRow[]> {
  const rows = await db
    .selectFrom('action_items as a')
    .select(['a.owner_id as key', itemPrivateId.as('private_id'), sql<number>`count(*)`.as('current'), sql<number>`0`.as('previous')])
    .where('a.status', '=', 'open')
    .where('a.due_date', '<', today)
    .groupBy(byKeyAndIncident)
    .execute();
  return toCounts(rows);
}

/**
 * The tags of the post-mortems of incidents declared in either period: incidents per tag. Tags
 * live in the post-mortem's JSON, read where they are by each database's JSON functions.
 */
export async function tagsOfIncidentsIn(db: Kysely<Database>, ranges: StoredRanges): Promise<KeyedCountRow[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const tags = postgres
    ? sql`cross join lateral jsonb_array_elements_text(case when jsonb_typeof(p.content::jsonb -> 'tags') = 'array' then p.content::jsonb -> 'tags' else '[]'::jsonb end) as t(value)`
    : sql`join json_each(p.content, '$.tags') as t`;
  const result = await sql<KeyedCountRow>`
    select t.value as key, ${privateId} as private_id,
           ${incidentsIn(ranges.current)} as current, ${incidentsIn(ranges.previous)} as previous
    from incidents i
    join postmortems p on p.incident_id = i.id
    ${tags}
    where i.declared_at >= ${ranges.previous.from} and i.declared_at < ${ranges.current.to}
    group by 1, 2`.execute(db);
  return toCounts(result.rows.filter((row) => typeof row.key === 'string'));
}

/** The names of the alerts linked to incidents declared in either period: incidents per name. */
export async function alertNamesOfIncidentsIn(db: Kysely<Database>, ranges: StoredRanges): Promise<KeyedCountRow[]> {
  const rows = await db
    .selectFrom('incidents as i')
    .innerJoin('alert_groups as g', 'g.incident_id', 'i.id')
    .innerJoin('alert_group_alerts as a', 'a.group_id', 'g.id')
    .select(['a.name as key', privateId.as('private_id'), incidentsIn(ranges.current).as('current'), incidentsIn(ranges.previous).as('previous')])
    .where('g.state', '=', 'linked')
    .where('i.declared_at', '>=', ranges.previous.from)
    .where('i.declared_at', '<', ranges.current.to)
    .groupBy(byKeyAndIncident)
    .execute();
  return toCounts(rows);
}

/** An action item with its incident, for the digest's lists. */
export interface DigestItemRow {
  id: string;
  description: string;
  owner_id: string;
  due_date: string;
  verification: string | null;
  verify_at: StoredInstant | null;
  status_changed_at: StoredInstant | null;
  incident_title: string;
  channel_id: string | null;
}

const digestItems = (db: Kysely<Database>) =>
  db
    .selectFrom('action_items as a')
    .innerJoin('incidents as i', 'i.id', 'a.incident_id')
    // Posted in a channel: no private incident's items.
    .where('i.is_private', '=', 0);

const digestItemColumns = ['a.id', 'a.description', 'a.owner_id', 'a.due_date', 'a.verification', 'a.verify_at', 'a.status_changed_at', 'i.title as incident_title', 'i.channel_id'] as const;

/** Public incidents' open items due before `today`, the longest overdue first, and how many there are. */
export async function overdueItems(db: Kysely<Database>, today: string, limit: number): Promise<{ rows: DigestItemRow[]; total: number }> {
  const overdue = digestItems(db).where('a.status', '=', 'open').where('a.due_date', '<', today);
  const rows = await overdue.select(digestItemColumns).orderBy('a.due_date').orderBy('a.id').limit(limit).execute();
  const { total } = await overdue.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/**
 * Public incidents' done items whose check that they work is past its date and still open
 * (scheduled or asked, with its time passed) or ended unanswered (`unconfirmed`), oldest first.
 */
export async function unverifiedItems(db: Kysely<Database>, now: StoredInstant, limit: number): Promise<{ rows: DigestItemRow[]; total: number }> {
  const unverified = digestItems(db)
    .where('a.status', '=', 'done')
    .where((eb): Expression<SqlBool> =>
      eb.or([eb.and([eb('a.verification', 'in', ['scheduled', 'asked']), eb('a.verify_at', '<=', now)]), eb('a.verification', '=', 'unconfirmed')]),
    );
  const rows = await unverified
    .select(digestItemColumns)
    .orderBy(sql`coalesce(a.verify_at, a.status_changed_at)`)
    .orderBy('a.id')
    .limit(limit)
    .execute();
  const { total } = await unverified.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

export type InsightDigestRow = Selectable<InsightDigestsTable>;

export async function findDigest(db: Kysely<Database>, dueAt: StoredInstant): Promise<InsightDigestRow | undefined> {
  return db.selectFrom('insight_digests').selectAll().where('due_at', '=', dueAt).executeTakeFirst();
}

/** Whether any time of this schedule was ever recorded. */
export async function scheduleSeen(db: Kysely<Database>, schedule: string): Promise<boolean> {
  return Boolean(await db.selectFrom('insight_digests').select('due_at').where('schedule', '=', schedule).limit(1).executeTakeFirst());
}

/** Records the time before a schedule was first seen as skipped: the digest starts with the next one. */
export async function skipDigest(db: Kysely<Database>, row: { dueAt: StoredInstant; schedule: string; channelId: string; now: StoredInstant }): Promise<void> {
  await db
    .insertInto('insight_digests')
    .values({ due_at: row.dueAt, schedule: row.schedule, channel_id: row.channelId, outcome: 'skipped', finished_at: row.now, created_at: row.now })
    .onConflict((oc) => oc.column('due_at').doNothing())
    .execute();
}

/**
 * Claims a scheduled time for one process until `until`: the first to insert its row, or, once a
 * claimant's hold has lapsed (it died, or Slack failed it), the first to take the row over.
 */
export async function claimDigest(
  db: Kysely<Database>,
  row: { dueAt: StoredInstant; schedule: string; channelId: string; now: StoredInstant; until: StoredInstant },
): Promise<boolean> {
  const inserted = await db
    .insertInto('insight_digests')
    .values({ due_at: row.dueAt, schedule: row.schedule, channel_id: row.channelId, claimed_until: row.until, attempts: 1, created_at: row.now })
    .onConflict((oc) => oc.column('due_at').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return true;
  const taken = await db
    .updateTable('insight_digests')
    .set((eb) => ({ claimed_until: row.until, attempts: eb('attempts', '+', 1) }))
    .where('due_at', '=', row.dueAt)
    .where('finished_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', row.now)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

/** Progress on a claimed time: the message posted, the chart shared, all done, or retry later. */
export async function updateDigest(
  db: Kysely<Database>,
  dueAt: StoredInstant,
  changes: { posted_ts?: string; chart_shared_at?: StoredInstant; outcome?: string; finished_at?: StoredInstant; claimed_until?: StoredInstant | null },
): Promise<void> {
  await db.updateTable('insight_digests').set(changes).where('due_at', '=', dueAt).execute();
}
