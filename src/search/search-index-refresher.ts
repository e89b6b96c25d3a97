import type { Kysely } from 'kysely';
import { alertsChangedSince } from '../alerts/alerts-changed-since';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { fromStoredInstant } from '../db/instant';
import { incidentsChangedSince } from '../incidents/incidents-changed-since';
import type { Logger } from '../logger';
import { postmortemsChangedSince } from '../postmortems/postmortems-changed-since';
import { indexIncident } from './index-incident';
import { lastIndexedAt } from './search.repository';

export interface SearchIndexDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
}

/**
 * How far back each pass looks before the previous one started. A change is stamped before its
 * transaction commits, and replicas' clocks differ a little: a change stamped up to this long
 * before a pass but committed after it is still found by the next. Looking again costs little,
 * as a document whose words did not change is not written.
 */
export const SEARCH_INDEX_OVERLAP_MS = 5 * 60_000;

/**
 * The search index's upkeep: a pass finds incidents changed since the last pass, whether the
 * incident itself, its post-mortem or its alerts, and re-indexes each. Nothing that changes an
 * incident needs to know about search, and a change a crash interrupted is found all the same.
 * A new process starts from the newest document; before any, from the beginning.
 *
 * Returns the pass, which resolves to how many documents it wrote or removed. Each replica may run
 * it: writing the same document twice writes the same words.
 */
export function searchIndexRefresher(deps: SearchIndexDeps): () => Promise<number> {
  let previousStart: Date | undefined;
  return async () => {
    const startedAt = deps.clock.now();
    const stored = previousStart ? undefined : await lastIndexedAt(deps.db);
    const from = previousStart ?? (stored ? fromStoredInstant(stored) : new Date(0));
    const since = new Date(Math.max(0, from.getTime() - SEARCH_INDEX_OVERLAP_MS));
    const ids = new Set([
      ...(await incidentsChangedSince(deps.db, since)),
      ...(await postmortemsChangedSince(deps.db, since)),
      ...(await alertsChangedSince(deps.db, since)),
    ]);
    let changed = 0;
    for (const incidentId of ids) {
      try {
        const outcome = await indexIncident(deps.db, incidentId, startedAt);
        if (outcome === 'written' || outcome === 'removed') changed += 1;
      } catch (err) {
        // One incident's bad data must not hold back the others; its next change indexes it again.
        deps.logger.error({ err, incidentId }, 'could not index an incident for search');
      }
    }
    previousStart = startedAt;
    if (changed > 0) deps.logger.debug({ changed, looked: ids.size }, 'search index brought up to date');
    return changed;
  };
}
