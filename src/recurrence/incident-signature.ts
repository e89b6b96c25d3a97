import type { Kysely } from 'kysely';
import { linkedAlertGroupsOf } from '../alerts/alert-queries';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import type { Clock } from '../clock';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import { postmortemFor } from '../postmortems/postmortem-queries';
import { replaceSignature, termsOfIncident } from './recurrence.repository';
import { NAMES_MAX, type Signature, type TermKind, signatureFromTerms, signatureOf, sizesOf, termsOf } from './similarity';

/** What the incident's alerts said: kept once recorded (see {@link currentSignature}). */
const ALERT_KINDS: readonly TermKind[] = ['alerts', 'services', 'groups'];

/**
 * The incident's signature as of now: its title and description, its post-mortem's summary and
 * tags, and its alerts. An alert group that fires again is linked to the new incident, and its
 * resolved alerts are forgotten; so what the alerts said about this incident, once recorded, is
 * kept alongside whatever is linked now.
 */
export async function currentSignature(db: Kysely<Database>, incident: Incident): Promise<Signature> {
  const [postmortem, groups, stored] = await Promise.all([postmortemFor(db, incident.id), linkedAlertGroupsOf(db, incident.id), termsOfIncident(db, incident.id)]);
  const fresh = signatureOf({
    title: incident.title,
    description: incident.description,
    summary: postmortem.content.summary,
    tags: postmortem.content.tags,
    alertGroups: groups.map(({ group, alerts }) => ({ source: group.source, groupKey: group.groupKey, alerts })),
  });
  const kept = signatureFromTerms(stored);
  for (const kind of ALERT_KINDS) fresh[kind] = [...new Set([...fresh[kind], ...kept[kind]])].slice(0, NAMES_MAX);
  return fresh;
}

/**
 * Stores the incident's signature, so later incidents can find it. A private incident is never
 * stored: it is never suggested anywhere. Returns the signature.
 */
export async function recordSignature(db: Kysely<Database>, incident: Incident, now: Date): Promise<Signature> {
  const signature = await currentSignature(db, incident);
  if (!incident.isPrivate) {
    await replaceSignature(
      db,
      { incident_id: incident.id, declared_at: toStoredInstant(incident.declaredAt), updated_at: toStoredInstant(now) },
      sizesOf(signature),
      termsOf(signature),
    );
  }
  return signature;
}

/** Records the signature of the incident with this id: after its post-mortem is saved, its summary and tags say more. */
export async function recordSignatureOf(deps: { db: Kysely<Database>; clock: Clock }, incidentId: string): Promise<void> {
  await recordSignature(deps.db, await loadIncident(deps.db, incidentId), deps.clock.now());
}
