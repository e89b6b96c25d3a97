import { SEVERITIES, type Severity } from '../../incidents/severity';

/**
 * The words most sources use: Alertmanager's conventional `severity` label, Grafana's, PagerDuty's
 * urgencies, and PagerDuty's and Opsgenie's priorities. A file's `severity:` map is merged over these.
 */
export const DEFAULT_SEVERITY_MAP: Readonly<Record<string, Severity>> = Object.freeze({
  critical: 'SEV1',
  error: 'SEV2',
  high: 'SEV2',
  warning: 'SEV3',
  // PagerDuty's and Opsgenie's priorities: an on-call engineer reads P1 as the worst.
  p1: 'SEV1',
  p2: 'SEV2',
  p3: 'SEV3',
});

/** What a word no map names, or an alert without a severity, becomes: the least severe. */
export const UNMAPPED_SEVERITY: Severity = 'SEV4';

/** The source's own word (any case, surrounding spaces ignored) as a SEV; unknown or missing words are SEV4. */
export function mapSeverity(severityMap: Readonly<Record<string, Severity>>, word: string | null): Severity {
  const key = word?.trim().toLowerCase();
  if (!key || !Object.hasOwn(severityMap, key)) return UNMAPPED_SEVERITY;
  return severityMap[key] ?? UNMAPPED_SEVERITY;
}

/** The most severe of several (SEV1 beats SEV2); SEV4 when there are none. */
export function mostSevere(severities: Iterable<Severity>): Severity {
  let best = SEVERITIES.indexOf(UNMAPPED_SEVERITY);
  for (const severity of severities) best = Math.min(best, SEVERITIES.indexOf(severity));
  return SEVERITIES[best] ?? UNMAPPED_SEVERITY;
}
