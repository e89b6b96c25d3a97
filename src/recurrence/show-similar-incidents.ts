import { toStoredInstant } from '../db/instant';
import type { ReadyIncident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import { recordSignature } from './incident-signature';
import type { SimilarIncident } from './past-incident';
import type { RecurrenceDeps } from './recurrence-deps';
import { claimNotice, findNotice, finishNotice } from './recurrence.repository';
import { similarIncidents } from './similar-incidents';

/** How long one request may hold the notice while posting or editing it. */
const NOTICE_LEASE_MS = 30_000;

/**
 * When similar past incidents are looked for: once the incident's channel is set up, and each
 * time its post-mortem form is opened (its summary, tags and alerts may say more by then).
 */
export type RecurrenceMoment = 'declared' | 'postmortem_opened';

/**
 * Records the incident's signature, then shows the similar past incidents in its channel, in one
 * message: posted the first time there are any, and on opening the post-mortem edited to the
 * list as it is then (never a second message). Nothing is posted while there are none, and a
 * message already posted stays when the list becomes empty. Returns what it found.
 *
 * Never throws: this is a help, and the declaration or the form it follows must not fail for it.
 */
export async function showSimilarIncidents(deps: RecurrenceDeps, incidentId: string, moment: RecurrenceMoment): Promise<SimilarIncident[]> {
  try {
    const incident = await loadIncident(deps.db, incidentId);
    const signature = await recordSignature(deps.db, incident, deps.clock.now());
    if (!incident.channelId) return [];
    const similar = await similarIncidents(deps, incident, signature);
    if (similar.length > 0) await showNotice(deps, incident as ReadyIncident, similar, moment);
    return similar;
  } catch (err) {
    deps.logger.warn({ err, incidentId, moment }, 'could not show similar past incidents');
    return [];
  }
}

/**
 * Posts or edits the one notice. One request at a time holds it: a second one meanwhile does
 * nothing (the first shows the same list). A row claimed before but without a ts means an
 * earlier attempt may have posted and lost Slack's answer: that message is found by its marker.
 */
async function showNotice(deps: RecurrenceDeps, incident: ReadyIncident, similar: SimilarIncident[], moment: RecurrenceMoment): Promise<void> {
  const before = await findNotice(deps.db, incident.id);
  if (moment === 'declared' && before?.ts) return;
  const now = deps.clock.now();
  const lease = toStoredInstant(new Date(now.getTime() + NOTICE_LEASE_MS));
  const claimed = await claimNotice(deps.db, incident.id, incident.channelId, toStoredInstant(now), lease);
  if (!claimed) return;
  const finish = (ts?: string) => finishNotice(deps.db, incident.id, lease, { ...(ts ? { ts } : {}), updated_at: toStoredInstant(deps.clock.now()) });
  try {
    const ts = claimed.ts ?? (before ? await deps.port.findSimilar(incident) : undefined);
    if (!ts) {
      await finish(await deps.port.postSimilar(incident, similar));
      deps.logger.info({ incidentId: incident.id, similar: similar.map((s) => s.id) }, 'similar past incidents shown');
      return;
    }
    if (moment === 'postmortem_opened') await deps.port.updateSimilar(incident, ts, similar);
    await finish(ts);
  } catch (error) {
    await finish();
    throw error;
  }
}
