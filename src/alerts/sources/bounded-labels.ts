import { ALERT_LIMITS } from '../alert-notification';
import { boundedText, oneLine } from './bounded-text';

/**
 * Labels as the rules match them: string values only (anything else in a vendor's map is not a
 * label), names on one line, at most ALERT_LIMITS.labels of them in the order given, so a
 * payload with thousands of labels costs no more than one with fifty. The first of two names
 * that become equal once bounded wins.
 */
export function boundedLabels(entries: Iterable<readonly [string, unknown]>): Record<string, string> {
  const labels = new Map<string, string>();
  for (const [rawName, rawValue] of entries) {
    if (labels.size >= ALERT_LIMITS.labels) break;
    if (typeof rawValue !== 'string') continue;
    const name = oneLine(rawName, ALERT_LIMITS.labelName);
    if (name === null || labels.has(name)) continue;
    labels.set(name, boundedText(rawValue, ALERT_LIMITS.labelValue) ?? '');
  }
  return Object.fromEntries(labels);
}

/** The string entries of a vendor's map (labels, annotations, details); an absent or mistyped map is empty. */
export function stringEntries(map: Record<string, unknown> | null | undefined): Array<[string, string]> {
  if (!map) return [];
  return Object.entries(map).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}
