import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import type { IncidentsTable } from './incidents.table';
import { updateIncident } from './incidents.repository';

/** The incident's milestone instants, by the name the timeline gives them. */
export type MilestoneTime = 'impact_started' | 'detected' | 'mitigated' | 'resolved';

const COLUMN: Record<MilestoneTime, keyof IncidentsTable> = {
  impact_started: 'impact_started_at',
  detected: 'detected_at',
  mitigated: 'mitigated_at',
  resolved: 'resolved_at',
};

/**
 * Sets one of the incident's milestone instants (the alert at 02:14 is when it was detected),
 * inside the caller's transaction. Show it with `refreshIncident` once the transaction is done.
 */
export async function recordMilestone(trx: Kysely<Database>, incidentId: string, milestone: MilestoneTime, at: Date, now: Date): Promise<void> {
  await updateIncident(trx, incidentId, { [COLUMN[milestone]]: toStoredInstant(at), updated_at: toStoredInstant(now) });
}

/**
 * Moves a milestone earlier, never later: an alert that started at 02:10 makes impact start then,
 * unless someone already set an earlier time. Inside the caller's transaction.
 */
export async function recordEarlierMilestone(trx: Kysely<Database>, incidentId: string, milestone: MilestoneTime, at: Date, now: Date): Promise<void> {
  const column = COLUMN[milestone] as 'impact_started_at';
  const instant = toStoredInstant(at);
  await trx
    .updateTable('incidents')
    .set({ [column]: instant, updated_at: toStoredInstant(now) })
    .where('id', '=', incidentId)
    .where((eb) => eb.or([eb(column, 'is', null), eb(column, '>', instant)]))
    .execute();
}
