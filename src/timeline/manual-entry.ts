import { refreshIncident } from '../incidents/change-incident';
import type { IncidentDeps } from '../incidents/incident-deps';
import { recordMilestone } from '../incidents/record-milestone';
import type { TimelineDeps } from './timeline-deps';
import type { Milestone } from './timeline-entry';
import { insertManualEntry } from './timeline.repository';
import { requireMember } from '../incidents/require-member';
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

const PICK_A_TIME = 'Pick the date and time it happened.';

/** What is wrong with an entry written by hand, field by field. */
export function validateEntry(input: Pick<ManualEntryInput, 'text' | 'occurredAt'>, now: Date): Partial<Record<ManualEntryField, string>> {
  const errors: Partial<Record<ManualEntryField, string>> = {};
  const text = input.text.trim();
  if (!text) errors.text = 'Say what happened, e.g. "Alert fired: checkout error rate above 5%".';
  else if (text.length > ENTRY_TEXT_MAX) errors.text = `Keep it to ${ENTRY_TEXT_MAX} characters (it has ${text.length}).`;
  if (!input.occurredAt) errors.occurredAt = PICK_A_TIME;
  else if (input.occurredAt.getTime() > now.getTime() + 60_000) errors.occurredAt = 'That is in the future. Pick when it happened.';
  return errors;
}

/** The entry's trimmed text and its time, once both are valid; refused with the first problem otherwise. */
export function validEntry(input: Pick<ManualEntryInput, 'text' | 'occurredAt'>, now: Date): { text: string; occurredAt: Date } {
  const problems = validateEntry(input, now);
  const { occurredAt } = input;
  const first = problems.text ?? problems.occurredAt;
  if (first || !occurredAt) throw new AppError('invalid_entry', first ?? PICK_A_TIME);
  return { text: input.text.trim(), occurredAt };
}

/**
 * Adds an entry for something that happened outside Slack. A milestone also sets the incident's
 * matching instant (the alert at 02:14 is when it was detected), in the same transaction, and the
 * incident card then shows it.
 */
export async function addManualEntry(
  services: { timeline: TimelineDeps; incidents: IncidentDeps },
  incidentId: string,
  input: ManualEntryInput,
): Promise<string> {
  const deps = services.timeline;
  await requireMember(deps.members, await loadIncident(deps.db, incidentId), input.actorId, 'change its timeline');
  const now = deps.clock.now();
  const { text, occurredAt } = validEntry(input, now);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertManualEntry(trx, { incidentId, occurredAt, actorId: input.actorId, text, milestone: input.milestone }, now);
    if (input.milestone) await recordMilestone(trx, incidentId, input.milestone, occurredAt, now);
    return id;
  });
  if (input.milestone) await refreshIncident(services.incidents, incidentId);
  return id;
}
