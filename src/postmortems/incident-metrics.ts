import type { Incident } from '../incidents/incident';

type Milestones = Pick<Incident, 'impactStartedAt' | 'declaredAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt'>;

/**
 * How long each phase took; null while not yet known.
 * - impact: impact started → mitigated (resolved when no mitigation was recorded): how long
 *   customers were hurt, the figure authors quote in the impact statement;
 * - time to detect: impact started → detected;
 * - time to mitigate and time to resolve: detected → mitigated, detected → resolved (how long the
 *   response took once someone knew).
 */
export interface IncidentMetrics {
  impactMs: number | null;
  timeToDetectMs: number | null;
  timeToMitigateMs: number | null;
  timeToResolveMs: number | null;
}

/**
 * When the incident was detected: the detected milestone when one was recorded, otherwise the
 * declaration, the moment someone noticed enough to open an incident.
 */
export function detectedAt(incident: Pick<Incident, 'declaredAt' | 'detectedAt'>): Date {
  return incident.detectedAt ?? incident.declaredAt;
}

/** When customer impact ended: mitigation stops the harm, even if the fix comes later. */
export function impactEndedAt(incident: Pick<Incident, 'mitigatedAt' | 'resolvedAt'>): Date | null {
  return incident.mitigatedAt ?? incident.resolvedAt;
}

export function incidentMetrics(incident: Milestones): IncidentMetrics {
  const detected = detectedAt(incident);
  const between = (from: Date, to: Date | null) => (to ? Math.max(0, to.getTime() - from.getTime()) : null);
  return {
    impactMs: between(incident.impactStartedAt, impactEndedAt(incident)),
    timeToDetectMs: between(incident.impactStartedAt, detected),
    timeToMitigateMs: between(detected, incident.mitigatedAt),
    timeToResolveMs: between(detected, incident.resolvedAt),
  };
}
