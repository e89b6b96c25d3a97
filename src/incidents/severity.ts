/** SEV1 is the most severe. The meanings are shown next to each option when declaring. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_MEANINGS: Record<Severity, string> = {
  SEV1: 'Critical: the product is down or data is at risk for many customers',
  SEV2: 'Major: a core feature is broken or badly degraded for many customers',
  SEV3: 'Minor: partial degradation; a workaround exists or few are affected',
  SEV4: 'Low: little customer impact; worth tracking and learning from',
};

/** Accepts `sev1`, `SEV1`, `1`, `sev 1`; undefined when it is none of the four. */
export function parseSeverity(input: string): Severity | undefined {
  const match = /^\s*(?:sev\s*)?([1-4])\s*$/i.exec(input);
  return match ? SEVERITIES.find((severity) => severity === `SEV${match[1]}`) : undefined;
}
