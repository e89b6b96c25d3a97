import { DESCRIPTION_MAX, type DeclareRequest, TITLE_MAX } from './incident';

export type DeclareField = 'title' | 'severity' | 'description' | 'impactStartedAt';

/**
 * The earliest time anything about an incident can have happened. An earlier one is a typo or a
 * forged form (an impact start in year −1 gave the post-mortem's Markdown a path with no year).
 */
export const EARLIEST_INCIDENT_TIME = new Date('2000-01-01T00:00:00Z');

/** What is wrong with a declare request, field by field, in words for the person who typed it. */
export function validateDeclare(request: DeclareRequest, now: Date): Partial<Record<DeclareField, string>> {
  const errors: Partial<Record<DeclareField, string>> = {};
  const title = request.title.trim();
  if (!title) errors.title = 'Give the incident a short title, e.g. "Checkout returns 500s".';
  else if (/[\r\n]/.test(title)) errors.title = TITLE_ON_ONE_LINE;
  else if (title.length > TITLE_MAX) errors.title = titleTooLong(title.length);
  if (!request.severity) errors.severity = 'Pick a severity. If unsure, SEV3; you can change it later.';
  if ((request.description ?? '').length > DESCRIPTION_MAX) {
    errors.description = `Keep this to ${DESCRIPTION_MAX} characters; add more in the channel.`;
  }
  const impact = request.impactStartedAt;
  if (impact && impact.getTime() > now.getTime() + 60_000) {
    errors.impactStartedAt = 'Impact cannot start in the future. Leave it empty to use now.';
  } else if (impact && !(impact.getTime() >= EARLIEST_INCIDENT_TIME.getTime())) {
    errors.impactStartedAt = `Pick a time in ${EARLIEST_INCIDENT_TIME.getUTCFullYear()} or later, or leave it empty to use now.`;
  }
  return errors;
}

/** The title names the channel's topic and the announcement's first line: a line break would forge another. */
const TITLE_ON_ONE_LINE = 'Keep the title on one line; put details in the description.';

export function titleTooLong(length: number): string {
  return `Keep the title to ${TITLE_MAX} characters (it has ${length}).`;
}
