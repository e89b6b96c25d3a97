import { fromStoredInstant, toStoredInstant } from '../db/instant';
import type { Incident } from '../incidents/incident';
import type { PastIncident, SimilarIncident, SimilarityReason } from './past-incident';
import { pastIncidents } from './past-incidents';
import type { RecurrenceDeps } from './recurrence-deps';
import { recentHolders, sharedTermsOf, signaturesOf, sizesOfRow } from './recurrence.repository';
import { type Candidate, type KindCounts, type Signature, TERM_KINDS, TERM_PREFIX, type TermKind, kindOfTerm, lookupTerms, preselect, rankCandidates, sizesOf, termsOf } from './similarity';

/** The most shown: enough to find the one that matters, few enough to read during an incident. */
export const MAX_SIMILAR = 3;

/**
 * How far back each term looks: its most recent holders. A term fewer incidents have is looked up
 * whole; one that most have ("database", a noisy alert) only links the latest ones, which are
 * also the ones worth showing. This keeps a lookup's work the same at 1,000 incidents or 100,000.
 */
export const HOLDERS_PER_TERM = 200;
/** Candidates scored in full, picked by a first estimate (see `preselect`). */
export const SCORED_MAX = 50;
/** The most terms one lookup asks about, the strongest kinds first. */
export const LOOKUP_TERMS_MAX = 64;

/** Reasons that carry names worth showing ("alert HighErrorRate"); the others are said in words. */
const NAMED_KINDS: readonly TermKind[] = ['alerts', 'tags', 'services'];

/**
 * The past incidents most like this one, best first, at most `limit`, none below the threshold:
 * the recent incidents holding each of its terms (one indexed statement), the most promising
 * fifty of them scored in full on everything they share (see `similarity.ts`), then read in full.
 * Only incidents declared before it; never a private one, never the incident itself.
 */
export async function similarIncidents(
  deps: RecurrenceDeps,
  incident: Incident,
  signature: Signature,
  options: { limit?: number; links?: boolean } = {},
): Promise<SimilarIncident[]> {
  const { limit = MAX_SIMILAR, links = true } = options;
  const query = sizesOf(signature);
  const holders = await recentHolders(deps.db, lookupTerms(signature, LOOKUP_TERMS_MAX), incident.id, toStoredInstant(incident.declaredAt), HOLDERS_PER_TERM);
  const picked = preselect(
    holders.map((h) => ({ incidentId: h.incident_id, term: h.term, declaredAt: h.declared_at })),
    query,
    SCORED_MAX,
  );
  if (picked.length === 0) return [];
  const [shared, signatures] = await Promise.all([sharedTermsOf(deps.db, picked, termsOf(signature)), signaturesOf(deps.db, picked)]);
  const counts = new Map(picked.map((id) => [id, Object.fromEntries(TERM_KINDS.map((kind) => [kind, 0])) as KindCounts]));
  for (const { incident_id, term } of shared) {
    const kind = kindOfTerm(term);
    const of = counts.get(incident_id);
    if (kind && of) of[kind] += 1;
  }
  const candidates: Candidate[] = signatures.map((row) => ({
    incidentId: row.incident_id,
    declaredAt: fromStoredInstant(row.declared_at),
    overlap: { shared: counts.get(row.incident_id) as KindCounts, query, candidate: sizesOfRow(row) },
  }));
  const ranked = rankCandidates(candidates, SCORED_MAX);
  // Read in full only those shown; the next ones only if one has gone (or turned out private) meanwhile.
  const details = new Map<string, PastIncident>();
  for (let from = 0; from < ranked.length && details.size < limit; from += limit) {
    for (const past of await pastIncidents(deps, ranked.slice(from, from + limit).map((r) => r.incidentId), { links })) details.set(past.id, past);
  }
  return ranked
    .flatMap((r) => {
      const past = details.get(r.incidentId);
      if (!past) return [];
      const reasons: SimilarityReason[] = r.reasons.map((kind) => ({
        kind,
        names: NAMED_KINDS.includes(kind)
          ? shared.filter((s) => s.incident_id === r.incidentId && s.term.startsWith(TERM_PREFIX[kind])).map((s) => s.term.slice(TERM_PREFIX[kind].length)).sort()
          : [],
      }));
      return [{ ...past, score: r.score, reasons }];
    })
    .slice(0, limit);
}
