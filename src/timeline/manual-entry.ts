import { refreshIncident } from '../incidents/change-incident';
import type { Incident } from '../incidents/incident';
import type { IncidentDeps } from '../incidents/incident-deps';
import { recordMilestone } from '../incidents/record-milestone';
import { EARLIEST_INCIDENT_TIME } from '../incidents/validate-declare';
import type { TimelineDeps } from './timeline-deps';
import { MILESTONES, MILESTONE_LABELS, type Milestone } from './timeline-entry';
import { insertManualEntry } from './timeline.repository';
import { requireMember } from '../incidents/require-member';
import { AppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import { requireRoomForEntry } from './entry-limits';

export const ENTRY_TEXT_MAX = 3000;

export interface ManualEntryInput {
  text: string;
  occurredAt: Date | null;
  milestone: Milestone | null;
  actorId: string;
}

export type ManualEntryField = 'text' | 'occurredAt' | 'milestone';

const PICK_A_TIME = 'Pick the date and time it happened.';

/** What is wrong with an entry written by hand, field by field. */
export function validateEntry(input: Pick<ManualEntryInput, 'text' | 'occurredAt'>, now: Date): Partial<Record<ManualEntryField, string>> {
  const errors: Partial<Record<ManualEntryField, string>> = {};
  const text = input.text.trim();
  if (!text) errors.text = 'Say what happened, e.g. "Alert fired: checkout error rate above 5%".';
  else if (text.length > ENTRY_TEXT_MAX) errors.text = `Keep it to ${ENTRY_TEXT_MAX} characters (it has ${text.length}).`;
  const at = input.occurredAt?.getTime();
  if (at === undefined || Number.isNaN(at)) errors.occurredAt = PICK_A_TIME;
  else if (at > now.getTime() + 60_000) errors.occurredAt = 'That is in the future. Pick when it happened.';
  else if (at < EARLIEST_INCIDENT_TIME.getTime()) {
    errors.occurredAt = `That is too long ago. Pick a time in ${EARLIEST_INCIDENT_TIME.getUTCFullYear()} or later.`;
  }
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

/** Another milestone that a new one would be out of order with, and where the new one must be. */
export interface MilestoneConflict {
  milestone: Milestone;
  at: Date;
  /** The new milestone must be at or after this one (it comes earlier in the order), or at or before it. */
  mustBe: 'after' | 'before';
}

const MILESTONE_AT: Record<Milestone, (incident: Incident) => Date | null> = {
  impact_started: (incident) => incident.impactStartedAt,
  detected: (incident) => incident.detectedAt,
  mitigated: (incident) => incident.mitigatedAt,
  resolved: (incident) => incident.resolvedAt,
};

/**
 * Milestones are in order: impact started ≤ detected ≤ mitigated ≤ resolved, or time to detect and
 * time to resolve make no sense. The milestone that marking `milestone` at `at` would put out of
 * order, if any: the latest earlier milestone still after `at`, else the first later one before it.
 */
export function milestoneConflict(incident: Incident, milestone: Milestone, at: Date): MilestoneConflict | null {
  const rank = MILESTONES.indexOf(milestone);
  const others = MILESTONES.flatMap((other, i) => {
    const otherAt = i === rank ? null : MILESTONE_AT[other](incident);
    return otherAt ? [{ milestone: other, at: otherAt, mustBe: i < rank ? ('after' as const) : ('before' as const) }] : [];
  });
  const after = others.filter((o) => o.mustBe === 'after' && o.at.getTime() > at.getTime());
  const before = others.filter((o) => o.mustBe === 'before' && o.at.getTime() < at.getTime());
  return after.at(-1) ?? before[0] ?? null;
}

/** The words for a milestone out of order; `when` is the other milestone's time as the reader should see it. */
export function milestoneOrderProblem(milestone: Milestone, conflict: MilestoneConflict, when: string): string {
  const [mine, theirs] = [MILESTONE_LABELS[milestone], MILESTONE_LABELS[conflict.milestone]];
  const side = conflict.mustBe === 'after' ? 'before' : 'after';
  return `${mine} cannot be ${side} ${theirs}, which is at ${when}. Pick another time, or mark ${theirs} at its right time first.`;
}

/**
 * Adds an entry for something that happened outside Slack. A milestone also sets the incident's
 * matching instant (the alert at 02:14 is when it was detected), in the same transaction, and the
 * incident card then shows it; one that would put the milestones out of order is refused.
 */
export async function addManualEntry(
  services: { timeline: TimelineDeps; incidents: IncidentDeps },
  incidentId: string,
  input: ManualEntryInput,
): Promise<string> {
  const deps = services.timeline;
  const incident = await requireMember(deps.members, await loadIncident(deps.db, incidentId), input.actorId, 'change its timeline');
  const now = deps.clock.now();
  const { text, occurredAt } = validEntry(input, now);
  await requireRoomForEntry(deps.db, incidentId, text);
  const conflict = input.milestone ? milestoneConflict(incident, input.milestone, occurredAt) : null;
  if (input.milestone && conflict) {
    // The form words this in the person's zone; elsewhere the instant is given in UTC.
    const problem = milestoneOrderProblem(input.milestone, conflict, `${conflict.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    throw new AppError('invalid_entry', problem, { fields: { milestone: problem } });
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertManualEntry(trx, { incidentId, occurredAt, actorId: input.actorId, text, milestone: input.milestone }, now);
    if (input.milestone) await recordMilestone(trx, incidentId, input.milestone, occurredAt, now);
    return id;
  });
  if (input.milestone) await refreshIncident(services.incidents, incidentId);
  return id;
}
