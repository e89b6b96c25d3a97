import type { Updateable } from 'kysely';
import { toStoredInstant } from '../db/instant';
import type { IncidentsTable } from '../incidents/incidents.table';
import { updateIncident } from '../incidents/incidents.repository';
import type { TimelineDeps } from './timeline-deps';
import type { Milestone } from './timeline-entry';
import { insertManualEntry } from './timeline.repository';
import { requireMember } from './require-member';
import { AppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';

export const ENTRY_TEXT_MAX = 3000;

export interface ManualEntryInput {
  text: string;
  occurredAt: Date | null;
  milestone: Milestone | null;
  actorId: string;
}

export type ManualEntryField = 'text' | 'occurredAt';

/** What is wrong with an entry written by hand, field by field. */
export function validateEntry(input: Pick<ManualEntryInput, 'text' | 'occurredAt'>, now: Date): Partial<Record<ManualEntryField, string>> {
  const errors: Partial<Record<ManualEntryField, string>> = {};
  const text = input.text.trim();
  if (!text) errors.text = 'Say what happened, e.g. "Alert fired: checkout error rate above 5%".';
  else if (text.length > ENTRY_TEXT_MAX) errors.text = `Keep it to ${ENTRY_TEXT_MAX} characters (it has ${text.length}).`;
  if (!input.occurredAt) errors.occurredAt = 'Pick the date and time it happened.';
  else if (input.occurredAt.getTime() > now.getTime() + 60_000) errors.occurredAt = 'That is in the future. Pick when it happened.';
  return errors;
}

const MILESTONE_COLUMN: Record<Milestone, keyof IncidentsTable> = {
  impact_started: 'impact_started_at',
  detected: 'detected_at',
  mitigated: 'mitigated_at',
  resolved: 'resolved_at',
};

/**
 * Adds an entry for something that happened outside Slack. A milestone also sets the incident's
 * matching instant (the alert at 02:14 is when it was detected), in the same transaction.
 */
export async function addManualEntry(deps: TimelineDeps, incidentId: string, input: ManualEntryInput): Promise<string> {
  await requireMember(deps, await loadIncident(deps.db, incidentId), input.actorId);
  const first = Object.values(validateEntry(input, deps.clock.now()))[0];
  if (first) throw new AppError('invalid_entry', first);
  const now = deps.clock.now();
  const occurredAt = input.occurredAt ?? now;
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertManualEntry(
      trx,
      { incidentId, occurredAt, actorId: input.actorId, text: input.text.trim(), milestone: input.milestone },
      now,
    );
    if (input.milestone) {
      const set: Updateable<IncidentsTable> = { [MILESTONE_COLUMN[input.milestone]]: toStoredInstant(occurredAt), updated_at: toStoredInstant(now) };
      await updateIncident(trx, incidentId, set);
    }
    return id;
  });
}
