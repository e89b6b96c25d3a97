import type { Kysely } from 'kysely';
import { insertActionItem } from '../../src/action-items/action-items.repository';
import { ensureGroup, linkGroup, upsertAlert } from '../../src/alerts/alerts.repository';
import type { Database } from '../../src/db/database';
import { toStoredInstant } from '../../src/db/instant';
import { insertIncident } from '../../src/incidents/incidents.repository';
import { loadIncident } from '../../src/incidents/incident-queries';
import type { Severity } from '../../src/incidents/severity';
import { EMPTY_CONTENT } from '../../src/postmortems/postmortem';
import { insertPostmortem } from '../../src/postmortems/postmortems.repository';
import { recordSignature } from '../../src/recurrence/incident-signature';

/** An action item of a past incident, by where it ended up. */
export type SeededItem = 'open' | 'done' | 'verified' | 'wont_do' | 'reopened';

export interface PastIncidentSeed {
  id: string;
  title: string;
  declaredAt: Date;
  severity?: Severity;
  isPrivate?: boolean;
  description?: string | null;
  /** A post-mortem with this summary and these tags; none when both are absent. */
  summary?: string;
  tags?: string[];
  published?: boolean;
  items?: SeededItem[];
  /** An alert group linked to it: its key and its alerts' names and labels. */
  alertGroup?: { key: string; alerts: Array<{ name: string; labels?: Record<string, string> }> };
  /** Leave its recurrence signature unrecorded (as for an incident from before the feature). */
  unsigned?: boolean;
}

/**
 * A past incident as the database would hold it once resolved: its channel, optionally a
 * post-mortem (published or not), action items in the given states and a linked alert group,
 * and its recurrence signature as declaring and saving the post-mortem would record it.
 */
export async function seedPastIncident(db: Kysely<Database>, seed: PastIncidentSeed): Promise<string> {
  const at = toStoredInstant(seed.declaredAt);
  await insertIncident(db, {
    id: seed.id,
    request_key: `seed-${seed.id}`,
    title: seed.title,
    severity: seed.severity ?? 'SEV2',
    status: 'resolved',
    is_private: seed.isPrivate ? 1 : 0,
    description: seed.description ?? null,
    channel_id: `C${seed.id.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 10)}`,
    channel_name: `inc-${seed.id}`,
    commander_id: 'U1',
    declared_by: 'U1',
    responder_ids: '',
    impact_started_at: at,
    declared_at: at,
    resolved_at: at,
    setup_completed_at: at,
    created_at: at,
    updated_at: at,
  });
  if (seed.summary !== undefined || seed.tags) {
    await insertPostmortem(db, {
      id: `pm-${seed.id}`,
      incident_id: seed.id,
      content: JSON.stringify({ ...EMPTY_CONTENT, summary: seed.summary ?? '', tags: seed.tags ?? [] }),
      version: 1,
      updated_by: 'U1',
      updated_at: at,
      author_ids: 'U1',
      published_at: seed.published ? at : null,
      published_by: seed.published ? 'U1' : null,
      created_at: at,
    });
  }
  for (const [i, state] of (seed.items ?? []).entries()) {
    await insertActionItem(db, {
      id: `${seed.id}-item-${i}`,
      incident_id: seed.id,
      description: `Item ${i} (${state})`,
      owner_id: 'U2',
      due_date: '2026-10-01',
      type: 'prevent',
      status: state === 'verified' ? 'done' : state === 'reopened' ? 'open' : state,
      verification: state === 'verified' ? 'verified' : null,
      verification_note: state === 'reopened' ? 'It did not hold' : null,
      status_reason: state === 'wont_do' ? 'Replaced by the new gateway' : null,
      created_by: 'U1',
      created_at: at,
      updated_at: at,
    });
  }
  if (seed.alertGroup) {
    const groupId = `g-${seed.id}`;
    await ensureGroup(db, {
      id: groupId,
      group_hash: `hash-${seed.id}`,
      source: 'alertmanager',
      group_key: seed.alertGroup.key,
      title: seed.title,
      severity: seed.severity ?? 'SEV2',
      state: 'new',
      first_received_at: at,
      last_received_at: at,
      created_at: at,
      updated_at: at,
    });
    for (const [i, alert] of seed.alertGroup.alerts.entries()) {
      await upsertAlert(db, {
        group_id: groupId,
        fingerprint: `f${i}`,
        name: alert.name,
        labels: JSON.stringify(alert.labels ?? {}),
        links: '{}',
        status: 'resolved',
        starts_at: at,
        ends_at: at,
        updated_at: at,
      });
    }
    await linkGroup(db, groupId, seed.id, at);
  }
  if (!seed.unsigned) await recordSignature(db, await loadIncident(db, seed.id), seed.declaredAt);
  return seed.id;
}
