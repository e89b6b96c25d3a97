import type { Incident } from '../incidents/incident';
import type { Postmortem } from '../postmortems/postmortem';

/** The parts of a document, in the order of how much a match in them counts. */
export const SEARCH_FIELDS = ['title', 'summary', 'tags', 'causes', 'alerts'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** What an incident is found by. See `IncidentSearchTable` for what each field gathers. */
export interface SearchDocument extends Record<SearchField, string> {
  incidentId: string;
  declaredAt: Date;
}

/** Control characters (tab and newline aside) never reach the index: snippets mark matches with two of them. */
const clean = (text: string | null | undefined) => (text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
const lines = (parts: ReadonlyArray<string | null | undefined>) => parts.map(clean).filter(Boolean).join('\n');

/**
 * The document for an incident, from the incident, its post-mortem (saved or not) and what its
 * linked alerts say (`linkedAlertText`). Pure: the indexer compares it with the stored one.
 */
export function searchDocument(incident: Incident, postmortem: Postmortem, alertText: readonly string[]): SearchDocument {
  const { content } = postmortem;
  return {
    incidentId: incident.id,
    declaredAt: incident.declaredAt,
    title: clean(incident.title),
    summary: lines([incident.description, content.summary, content.impact, incident.resolutionNote]),
    causes: lines([...content.causes.avoid, ...content.causes.detect, ...content.causes.fixFaster, ...content.fiveWhys]),
    tags: content.tags.map(clean).filter(Boolean).join(', '),
    alerts: [...new Set(alertText.map(clean))].filter(Boolean).join('\n'),
  };
}
