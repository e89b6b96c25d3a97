import { humanDuration } from '../duration';
import type { Incident } from '../incidents/incident';
import { detectedAt } from '../postmortems/incident-metrics';

/** The moments an incident's phases run between, in the order an incident usually passes them. */
export type PhaseMoment = 'impact_started' | 'detected' | 'declared' | 'mitigated' | 'resolved';

export const PHASE_MOMENT_LABELS: Record<PhaseMoment, string> = {
  impact_started: 'Impact started',
  detected: 'Detected',
  declared: 'Declared',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** Each phase is named for what people were doing until the moment that ends it. */
const PHASE_NAMES: Record<Exclude<PhaseMoment, 'impact_started'>, string> = {
  detected: 'Detecting',
  declared: 'Declaring',
  mitigated: 'Mitigating',
  resolved: 'Resolving',
};

export interface Milestone {
  moment: PhaseMoment;
  at: Date;
}

export interface Phase {
  /** The moment that ends it (for a phase still going on, the one it is heading for). */
  moment: Exclude<PhaseMoment, 'impact_started'>;
  name: string;
  from: Date;
  to: Date;
  ms: number;
  /** "5 min"; "18 min so far" for a phase still going on. */
  duration: string;
  /** Still going on: it ends at the `until` the phases were asked for. */
  ongoing: boolean;
}

export interface IncidentPhases {
  /** The moments that happened, in time order (the canonical order at the same instant). */
  milestones: Milestone[];
  /** The spans between consecutive moments, none empty; the last may still be going on. */
  phases: Phase[];
}

const ORDER: PhaseMoment[] = ['impact_started', 'detected', 'declared', 'mitigated', 'resolved'];

/**
 * The incident's phases: impact started → detected → declared → mitigated → resolved, each
 * span named for the moment that ends it. Detection is the declaration when no detection was
 * recorded, as the metrics count it. Moments are taken in time order, so a detection recorded
 * after the declaration still gives spans that follow each other. For an incident not yet
 * resolved, `until` (the caller's now) closes the phase going on.
 */
export function incidentPhases(incident: Incident, until?: Date): IncidentPhases {
  const at: Record<PhaseMoment, Date | null> = {
    impact_started: incident.impactStartedAt,
    detected: detectedAt(incident),
    declared: incident.declaredAt,
    mitigated: incident.mitigatedAt,
    resolved: incident.resolvedAt,
  };
  const milestones = ORDER.flatMap((moment) => {
    const when = at[moment];
    return when ? [{ moment, at: when }] : [];
  }).sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER.indexOf(a.moment) - ORDER.indexOf(b.moment));

  const phases: Phase[] = [];
  const phase = (moment: Phase['moment'], from: Date, to: Date, ongoing: boolean) => {
    const ms = to.getTime() - from.getTime();
    if (ms <= 0) return;
    phases.push({ moment, name: PHASE_NAMES[moment], from, to, ms, duration: `${humanDuration(ms)}${ongoing ? ' so far' : ''}`, ongoing });
  };
  milestones.forEach((milestone, i) => {
    if (i === 0 || milestone.moment === 'impact_started') return;
    phase(milestone.moment, (milestones[i - 1] as Milestone).at, milestone.at, false);
  });
  const last = milestones[milestones.length - 1] as Milestone;
  if (!incident.resolvedAt && until) phase(incident.mitigatedAt ? 'resolved' : 'mitigated', last.at, until, true);
  return { milestones, phases };
}
