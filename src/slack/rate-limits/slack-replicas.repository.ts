import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { toStoredInstant } from '../../db/instant';

/** Records that process `id` is alive now. */
export async function beat(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  const seenAt = toStoredInstant(now);
  await db
    .insertInto('slack_replicas')
    .values({ id, seen_at: seenAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seen_at: seenAt }))
    .execute();
}

/** Processes that said they were alive since `since` (this one included once it has beaten). */
export async function countLive(db: Kysely<Database>, since: Date): Promise<number> {
  const row = await db
    .selectFrom('slack_replicas')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('seen_at', '>=', toStoredInstant(since))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A stopping process leaves at once; rows of processes that died are removed once long silent. */
export async function forget(db: Kysely<Database>, id: string, silentSince: Date): Promise<void> {
  await db.deleteFrom('slack_replicas').where((eb) => eb.or([eb('id', '=', id), eb('seen_at', '<', toStoredInstant(silentSince))])).execute();
}
