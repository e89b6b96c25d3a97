import type { PlainTextOption } from '@slack/types';
import { SEVERITY_MEANINGS, type Severity } from '../../incidents/severity';

/** A severity as a select option, with its one-line meaning under it. */
export function severityOption(severity: Severity): PlainTextOption {
  return {
    text: { type: 'plain_text', text: severity },
    description: { type: 'plain_text', text: SEVERITY_MEANINGS[severity] },
    value: severity,
  };
}
