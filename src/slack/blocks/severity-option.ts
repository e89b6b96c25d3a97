import type { PlainTextOption } from '@slack/types';
import { SEVERITY_MEANINGS, type Severity } from '../../incidents/severity';
import { option } from './block-kit';

/** A severity as a select option, with its one-line meaning under it. */
export function severityOption(severity: Severity): PlainTextOption {
  return option(severity, severity, SEVERITY_MEANINGS[severity]);
}
