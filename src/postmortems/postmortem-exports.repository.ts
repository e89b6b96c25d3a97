import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import { type StoredInstant, toStoredInstant } from '../db/instant';
import { leaseIsFree } from '../db/lease';
import type { PostmortemExportsTable } from './postmortems.table';

export type PostmortemExportRow = Selectable<PostmortemExportsTable>;

/** The lease cleared if it is still the one this process took; another process's lease is left alone. */
const released = (eb: ExpressionBuilder<Database, 'postmortem_exports'>, heldUntil: StoredInstant) =>
  eb.case().when('lease_until', '=', heldUntil).then(sql<string | null>`null`).else(eb.ref('lease_until')).end();

/** Asks for the post-mortem's current version to be pushed: one more version wanted. */
export async function wantExport(db: Kysely<Database>, incidentId: string, publisherId: string | null, at: Date): Promise<void> {
  const now = toStoredInstant(at);
  await db
    .insertInto('postmortem_exports')
    .values({ incident_id: incidentId, wanted_version: 1, publisher_id: publisherId, updated_at: now })
    .onConflict((oc) =>
      oc.column('incident_id').doUpdateSet((eb) => ({
        wanted_version: eb('postmortem_exports.wanted_version', '+', 1),
        publisher_id: publisherId ?? eb.ref('postmortem_exports.publisher_id'),
        // A new version is worth trying at once, even while an older one waits for its retry.
        retry_at: null,
        updated_at: now,
      })),
    )
    .execute();
}

/** Exports with a version not yet pushed, whose retry (if any) is due and that nobody is pushing. */
export async function dueExports(db: Kysely<Database>, now: StoredInstant, limit: number): Promise<PostmortemExportRow[]> {
  return db
    .selectFrom('postmortem_exports')
    .selectAll()
    .whereRef('wanted_version', '>', 'pushed_version')
    .where((eb) => eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', now)]))
    .where((eb) => leaseIsFree(eb, 'lease_until', now))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** Takes an export for pushing; returns its row as claimed (the version it will push), or undefined if another process has it. */
export async function claimExport(db: Kysely<Database>, incidentId: string, now: StoredInstant, until: StoredInstant): Promise<PostmortemExportRow | undefined> {
  const result = await db
    .updateTable('postmortem_exports')
    .set({ lease_until: until })
    .where('incident_id', '=', incidentId)
    // Still something to push: another process may have pushed it since the due list was read.
    .whereRef('wanted_version', '>', 'pushed_version')
    .where((eb) => leaseIsFree(eb, 'lease_until', now))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return db.selectFrom('postmortem_exports').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

/** Records that `version` (and every one before it) is in the repository. */
export async function markExported(db: Kysely<Database>, incidentId: string, version: number, commit: string, at: Date, heldUntil: StoredInstant): Promise<void> {
  await db
    .updateTable('postmortem_exports')
    .set((eb) => ({
      lease_until: released(eb, heldUntil),
      // Never backwards: a slower process recording an older version leaves the newer one (portable, unlike max(a, b)).
      pushed_version: eb.case().when('pushed_version', '<', version).then(version).else(eb.ref('pushed_version')).end(),
      pushed_commit: commit,
      pushed_at: toStoredInstant(at),
      attempts: 0,
      retry_at: null,
      last_error: null,
      failure_told_at: null,
      updated_at: toStoredInstant(at),
    }))
    .where('incident_id', '=', incidentId)
    .execute();
}

/** Records a failed push; returns the attempts so far. */
export async function markExportFailed(db: Kysely<Database>, incidentId: string, error: string, retryAt: (attempts: number) => Date, at: Date, heldUntil: StoredInstant): Promise<number> {
  const row = await db.selectFrom('postmortem_exports').select('attempts').where('incident_id', '=', incidentId).executeTakeFirst();
  const attempts = (row?.attempts ?? 0) + 1;
  await db
    .updateTable('postmortem_exports')
    .set((eb) => ({ attempts, last_error: error, retry_at: toStoredInstant(retryAt(attempts)), lease_until: released(eb, heldUntil), updated_at: toStoredInstant(at) }))
    .where('incident_id', '=', incidentId)
    .execute();
  return attempts;
}

/** Claims telling the publisher about a failing push: false when they were told already. */
export async function claimFailureNotice(db: Kysely<Database>, incidentId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('postmortem_exports')
    .set({ failure_told_at: toStoredInstant(at) })
    .where('incident_id', '=', incidentId)
    .where('failure_told_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findExport(db: Kysely<Database>, incidentId: string): Promise<PostmortemExportRow | undefined> {
  return db.selectFrom('postmortem_exports').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

/** Every incident with a published post-mortem, for the repository's index. */
export async function publishedIncidentIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('postmortems').select('incident_id').where('published_at', 'is not', null).execute();
  return rows.map((r) => r.incident_id);
}
