import type { Incident } from '../incidents/incident';

/**
 * How long each phase took; null while not yet known. Detection is measured from when impact
 * started; mitigation and resolution from detection (how long the response took once someone
 * knew); the duration is the whole customer impact, start to resolution.
 */
export interface IncidentMetrics {
  durationMs: number | null;
  timeToDetectMs: number | null;
  timeToMitigateMs: number | null;
  timeToResolveMs: number | null;
}

/**
 * Detection is the detected milestone when one was recorded, otherwise the declaration: the
 * moment someone noticed enough to open an incident.
 */
export function incidentMetrics(
  incident: Pick<Incident, 'impactStartedAt' | 'declaredAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt'>,
): IncidentMetrics {
  const detected = incident.detectedAt ?? incident.declaredAt;
  const between = (from: Date, to: Date | null) => (to ? Math.max(0, to.getTime() - from.getTime()) : null);
  return {
    durationMs: between(incident.impactStartedAt, incident.resolvedAt),
    timeToDetectMs: between(incident.impactStartedAt, detected),
    timeToMitigateMs: between(detected, incident.mitigatedAt),
    timeToResolveMs: between(detected, incident.resolvedAt),
  };
}
