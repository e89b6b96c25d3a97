import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database';
import type { StoredInstant } from '../db/instant';
import { leaseIsFree } from '../db/lease';
import type { RecurrenceNoticesTable, RecurrenceSignaturesTable } from './recurrence.table';
import { type KindCounts, TERM_KINDS, type TermKind } from './similarity';

export type SignatureRow = Selectable<RecurrenceSignaturesTable>;
export type NoticeRow = Selectable<RecurrenceNoticesTable>;

/** The signature's size column for each kind. */
const SIZE_COLUMNS = {
  title: 'title_terms',
  body: 'body_terms',
  tags: 'tag_terms',
  services: 'service_terms',
  alerts: 'alert_terms',
  groups: 'group_terms',
} as const satisfies Record<TermKind, keyof SignatureRow>;

export const sizesOfRow = (row: Pick<SignatureRow, (typeof SIZE_COLUMNS)[TermKind]>): KindCounts =>
  Object.fromEntries(TERM_KINDS.map((kind) => [kind, Number(row[SIZE_COLUMNS[kind]])])) as KindCounts;

/** Terms are written in slices of this many rows: well under either database's limit on parameters. */
const INSERT_SLICE = 500;

/** Replaces an incident's signature: its sizes and all its terms, together. */
export async function replaceSignature(
  db: Kysely<Database>,
  row: { incident_id: string; declared_at: StoredInstant; updated_at: StoredInstant },
  sizes: KindCounts,
  terms: readonly string[],
): Promise<void> {
  const columns = Object.fromEntries(TERM_KINDS.map((kind) => [SIZE_COLUMNS[kind], sizes[kind]]));
  const declared = row.declared_at;
  const values = { ...row, ...columns } as SignatureRow;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recurrence_terms').where('incident_id', '=', row.incident_id).execute();
    for (let i = 0; i < terms.length; i += INSERT_SLICE) {
      await trx
        .insertInto('recurrence_terms')
        .values(terms.slice(i, i + INSERT_SLICE).map((term) => ({ incident_id: row.incident_id, term, declared_at: declared })))
        .execute();
    }
    const { incident_id: _id, ...changes } = values;
    await trx
      .insertInto('recurrence_signatures')
      .values(values)
      .onConflict((oc) => oc.column('incident_id').doUpdateSet(changes))
      .execute();
  });
}

export async function termsOfIncident(db: Kysely<Database>, incidentId: string): Promise<string[]> {
  const rows = await db.selectFrom('recurrence_terms').select('term').where('incident_id', '=', incidentId).execute();
  return rows.map((r) => r.term);
}

/**
 * For each term, the `perTerm` most recent incidents declared before `declaredBefore` that hold
 * it (other than `excludeId`), as one row per incident and term: one statement, each part read
 * from `recurrence_terms_term_idx` newest first, so a term nearly every incident has costs no
 * more than a rare one.
 */
export async function recentHolders(
  db: Kysely<Database>,
  terms: readonly string[],
  excludeId: string,
  declaredBefore: StoredInstant,
  perTerm: number,
): Promise<Array<{ incident_id: string; term: string; declared_at: StoredInstant }>> {
  if (terms.length === 0) return [];
  const holders = (term: string, i: number) =>
    db
      .selectFrom(
        db
          .selectFrom('recurrence_terms')
          .select(['incident_id', 'term', 'declared_at'])
          .where('term', '=', term)
          .where('declared_at', '<', declaredBefore)
          .where('incident_id', '!=', excludeId)
          .orderBy('declared_at', 'desc')
          .limit(perTerm)
          .as(`h${i}`),
      )
      .select(['incident_id', 'term', 'declared_at']);
  const [first, ...rest] = terms.map(holders);
  return rest.reduce((query, part) => query.unionAll(part), first!).execute();
}

/** The signatures of these incidents: when each was declared and its sizes. */
export async function signaturesOf(db: Kysely<Database>, incidentIds: readonly string[]): Promise<SignatureRow[]> {
  if (incidentIds.length === 0) return [];
  return db.selectFrom('recurrence_signatures').selectAll().where('incident_id', 'in', [...incidentIds]).execute();
}

/** Which of `terms` each of the incidents has, read by the primary key: what they share, exactly. */
export async function sharedTermsOf(db: Kysely<Database>, incidentIds: readonly string[], terms: readonly string[]): Promise<Array<{ incident_id: string; term: string }>> {
  if (incidentIds.length === 0 || terms.length === 0) return [];
  return db.selectFrom('recurrence_terms').select(['incident_id', 'term']).where('incident_id', 'in', [...incidentIds]).where('term', 'in', [...terms]).execute();
}

export async function findNotice(db: Kysely<Database>, incidentId: string): Promise<NoticeRow | undefined> {
  return db.selectFrom('recurrence_notices').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

/**
 * Takes the incident's notice for one request, until `until`, creating its row first if there is
 * none. Returns the row as claimed, or undefined while another request holds it.
 */
export async function claimNotice(db: Kysely<Database>, incidentId: string, channelId: string, now: StoredInstant, until: StoredInstant): Promise<NoticeRow | undefined> {
  await db
    .insertInto('recurrence_notices')
    .values({ incident_id: incidentId, channel_id: channelId, ts: null, lease_until: null, updated_at: now })
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .execute();
  const result = await db
    .updateTable('recurrence_notices')
    .set({ lease_until: until })
    .where('incident_id', '=', incidentId)
    .where((eb) => leaseIsFree(eb, 'lease_until', now))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findNotice(db, incidentId);
}

/** Records where the notice is and lets it go, if this request still holds it. */
export async function finishNotice(db: Kysely<Database>, incidentId: string, lease: StoredInstant, changes: { ts?: string; updated_at: StoredInstant }): Promise<void> {
  await db
    .updateTable('recurrence_notices')
    .set({ ...changes, lease_until: null })
    .where('incident_id', '=', incidentId)
    .where('lease_until', '=', lease)
    .execute();
}
