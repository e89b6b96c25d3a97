import type { Incident } from '../incidents/incident';

/** How long each phase took, measured from when impact started; null while not yet known. */
export interface IncidentMetrics {
  timeToDetectMs: number | null;
  timeToMitigateMs: number | null;
  timeToResolveMs: number | null;
}

/**
 * Detection is the detected milestone when one was recorded, otherwise the declaration: the
 * moment someone noticed enough to open an incident.
 */
export function incidentMetrics(incident: Pick<Incident, 'impactStartedAt' | 'declaredAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt'>): IncidentMetrics {
  const start = incident.impactStartedAt.getTime();
  const since = (at: Date | null) => (at ? Math.max(0, at.getTime() - start) : null);
  return {
    timeToDetectMs: since(incident.detectedAt ?? incident.declaredAt),
    timeToMitigateMs: since(incident.mitigatedAt),
    timeToResolveMs: since(incident.resolvedAt),
  };
}
