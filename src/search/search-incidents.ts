import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Incident } from '../incidents/incident';
import { incidentsById } from '../incidents/incidents-by-id';
import { isVisibleTo } from '../incidents/incidents-visible-to';
import type { MembershipPort } from '../incidents/membership-port';
import { postmortemFor } from '../postmortems/postmortem-queries';
import { hasMatch } from './match-marks';
import { SEARCH_FIELDS, type SearchField } from './search-document';
import { searchTerms } from './search-terms';
import { type SearchMatch, searchDocuments } from './search.repository';

/** Where an incident's post-mortem is: not started, saved as a draft, or published. */
export type PostmortemState = 'none' | 'draft' | 'published';

/** One incident found, with why. */
export interface SearchHit {
  incident: Incident;
  postmortem: PostmortemState;
  /** The fields the words were found in, most telling first. */
  matchedIn: SearchField[];
  /**
   * The best passage outside the title (the title is shown anyway), matched words between
   * `MATCH_START` and `MATCH_END`; null when only the title matched.
   */
  snippet: string | null;
}

export type SearchOutcome =
  /** Nothing to search for: no letters or digits, or only words such as "the". */
  | { kind: 'no_words' }
  | { kind: 'results'; terms: string[]; hits: SearchHit[] };

/** The most results a search returns: one ephemeral message's worth. */
export const SEARCH_RESULTS_MAX = 10;
/**
 * Matches read at a time: private incidents the person cannot see are skipped, so a few more
 * than are shown; each costs its snippets, so not many more.
 */
const PAGE = 2 * SEARCH_RESULTS_MAX;
/** Pages read at most before answering with what was found (someone shut out of many private incidents). */
const MAX_PAGES = 10;

/**
 * Past and present incidents matching every word, best first: a match in the title counts most,
 * then the summary and tags, then causes, then alerts; at equal relevance the newer incident comes
 * first. Only incidents the person may know about are returned: every public one, and a private
 * one only while they are in its channel (the same rule as `/incident list`).
 *
 * The index is kept by `searchIndexRefresher`: a change shows here after its next pass.
 */
export async function searchIncidents(
  deps: { db: Kysely<Database>; members: MembershipPort },
  userId: string,
  query: string,
  limit = SEARCH_RESULTS_MAX,
): Promise<SearchOutcome> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { kind: 'no_words' };
  const found: Array<{ incident: Incident; match: SearchMatch }> = [];
  for (let page = 0; page < MAX_PAGES && found.length < limit; page += 1) {
    const matches = await searchDocuments(deps.db, query, PAGE, page * PAGE);
    const incidents = await incidentsById(deps.db, matches.map((m) => m.incidentId));
    const visible = await Promise.all(
      matches.map(async (match) => {
        const incident = incidents.get(match.incidentId);
        return incident && (await isVisibleTo(deps.members, incident, userId)) ? { incident, match } : undefined;
      }),
    );
    for (const hit of visible) if (hit && found.length < limit) found.push(hit);
    if (matches.length < PAGE) break;
  }
  const hits = await Promise.all(
    found.map(async ({ incident, match }) => {
      const matchedIn = SEARCH_FIELDS.filter((field) => hasMatch(match.snippets[field]));
      const passage = matchedIn.find((field) => field !== 'title');
      return { incident, postmortem: await postmortemState(deps.db, incident.id), matchedIn, snippet: passage ? match.snippets[passage] : null };
    }),
  );
  return { kind: 'results', terms, hits };
}

async function postmortemState(db: Kysely<Database>, incidentId: string): Promise<PostmortemState> {
  const postmortem = await postmortemFor(db, incidentId);
  if (postmortem.publishedAt) return 'published';
  return postmortem.id ? 'draft' : 'none';
}
