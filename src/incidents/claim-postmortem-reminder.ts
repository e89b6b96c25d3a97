import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { claimNudge } from './incidents.repository';

/**
 * Claims a due post-mortem reminder by moving its time on from `remindAt` to `next`, only if
 * nobody moved it first: two replicas (or a restart) never send the same reminder twice. True
 * when this caller won it. Lives with the incident, which owns the reminder's column (see
 * `postmortemRemindersDue`).
 */
export async function claimPostmortemReminder(db: Kysely<Database>, incidentId: string, remindAt: Date, next: Date): Promise<boolean> {
  return claimNudge(db, incidentId, toStoredInstant(remindAt), toStoredInstant(next));
}
