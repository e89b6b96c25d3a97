import { DESCRIPTION_MAX, type DeclareRequest, RESOLUTION_NOTE_MAX, TITLE_MAX } from './incident';

export type DeclareField = 'title' | 'severity' | 'description' | 'impactStartedAt';

/** What is wrong with a declare request, field by field, in words for the person who typed it. */
export function validateDeclare(request: DeclareRequest, now: Date): Partial<Record<DeclareField, string>> {
  const errors: Partial<Record<DeclareField, string>> = {};
  const title = request.title.trim();
  if (!title) errors.title = 'Give the incident a short title, e.g. "Checkout returns 500s".';
  else if (title.length > TITLE_MAX) errors.title = titleTooLong(title.length);
  if (!request.severity) errors.severity = 'Pick a severity. If unsure, SEV3; you can change it later.';
  if ((request.description ?? '').length > DESCRIPTION_MAX) {
    errors.description = `Keep this to ${DESCRIPTION_MAX} characters; add more in the channel.`;
  }
  if (request.impactStartedAt && request.impactStartedAt.getTime() > now.getTime() + 60_000) {
    errors.impactStartedAt = 'Impact cannot start in the future. Leave it empty to use now.';
  }
  return errors;
}

export function titleTooLong(length: number): string {
  return `Keep the title to ${TITLE_MAX} characters (it has ${length}).`;
}
