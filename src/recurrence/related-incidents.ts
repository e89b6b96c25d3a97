import type { Incident } from '../incidents/incident';
import { currentSignature } from './incident-signature';
import type { PastIncident } from './past-incident';
import { pastIncidents } from './past-incidents';
import type { RecurrenceDeps } from './recurrence-deps';
import { similarIncidents } from './similar-incidents';

/** Slack's limit on the choices of one set of checkboxes. */
export const RELATED_CHOICES_MAX = 10;

/**
 * A post-mortem's Related incidents as they stand now: those its author kept, in their order,
 * public ones only and never the incident itself, whatever ids the form sent.
 */
export async function relatedIncidents(deps: RecurrenceDeps, incidentId: string, ids: readonly string[]): Promise<PastIncident[]> {
  return pastIncidents(deps, ids.filter((id) => id !== incidentId));
}

/** What the post-mortem form offers under Related incidents, and which are ticked. */
export interface RelatedChoices {
  options: PastIncident[];
  checked: string[];
}

/**
 * The choices for the form: those the author kept, then the current suggestions. Until the author
 * has chosen (`kept` null) the suggestions come ticked, so saving confirms them and unticking
 * removes one; after, a new suggestion comes unticked and a removed one stays removed unless
 * ticked again.
 */
export function choicesOf(kept: readonly PastIncident[] | null, suggested: readonly PastIncident[]): RelatedChoices {
  const keptIds = new Set((kept ?? []).map((k) => k.id));
  const options = [...(kept ?? []), ...suggested.filter((s) => !keptIds.has(s.id))].slice(0, RELATED_CHOICES_MAX);
  const wanted = kept ? keptIds : new Set(suggested.map((s) => s.id));
  return { options, checked: options.filter((o) => wanted.has(o.id)).map((o) => o.id) };
}

/** The form's choices for this incident, given what the author chose so far (null: nothing yet). */
export async function relatedChoices(deps: RecurrenceDeps, incident: Incident, chosen: readonly string[] | null): Promise<RelatedChoices> {
  const signature = await currentSignature(deps.db, incident);
  const suggested = await similarIncidents(deps, incident, signature, { links: false });
  const kept = chosen ? await pastIncidents(deps, chosen.filter((id) => id !== incident.id), { links: false }) : null;
  return choicesOf(kept, suggested);
}
