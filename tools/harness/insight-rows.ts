import type { Insertable } from 'kysely';
import type { ActionItemsTable } from '../../src/action-items/action-items.table';
import type { AlertGroupAlertsTable, AlertGroupsTable } from '../../src/alerts/alerts.table';
import type { IncidentsTable } from '../../src/incidents/incidents.table';
import type { PostmortemsTable } from '../../src/postmortems/postmortems.table';
import { EMPTY_CONTENT } from '../../src/postmortems/postmortem';

/**
 * Rows as the bot leaves them, for tests and benchmarks of insights that need many incidents at
 * given times without declaring each through Slack. Only what insights read is worth overriding.
 */
export function incidentRow(id: string, declaredAt: string, overrides: Partial<Insertable<IncidentsTable>> = {}): Insertable<IncidentsTable> {
  return {
    id,
    request_key: `V-${id}`,
    title: `Incident ${id}`,
    severity: 'SEV2',
    status: 'resolved',
    is_private: 0,
    channel_id: `C${id.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`,
    channel_name: `inc-${id}`,
    commander_id: 'U0CMD',
    declared_by: 'U0CMD',
    responder_ids: '',
    impact_started_at: declaredAt,
    declared_at: declaredAt,
    setup_completed_at: declaredAt,
    created_at: declaredAt,
    updated_at: declaredAt,
    ...overrides,
  };
}

export function postmortemRow(incidentId: string, tags: string[], publishedAt: string | null = null): Insertable<PostmortemsTable> {
  return {
    id: `pm-${incidentId}`,
    incident_id: incidentId,
    content: JSON.stringify({ ...EMPTY_CONTENT, summary: 'What happened', tags }),
    version: 1,
    author_ids: 'U0CMD',
    published_at: publishedAt,
    published_by: publishedAt ? 'U0CMD' : null,
    created_at: '2026-01-01T00:00:00.000Z',
  };
}

export function itemRow(id: string, incidentId: string, ownerId: string, overrides: Partial<Insertable<ActionItemsTable>> = {}): Insertable<ActionItemsTable> {
  return {
    id,
    incident_id: incidentId,
    description: `Item ${id}`,
    owner_id: ownerId,
    due_date: '2099-01-01',
    type: 'prevent',
    status: 'open',
    created_by: 'U0CMD',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A group of alerts, linked to an incident unless `state` says otherwise. */
export function alertGroupRow(id: string, incidentId: string | null, state = 'linked'): Insertable<AlertGroupsTable> {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id,
    group_hash: `hash-${id}`,
    source: 'alertmanager',
    group_key: `{}:{alertname="${id}"}`,
    title: `Group ${id}`,
    severity: 'critical',
    state,
    incident_id: incidentId,
    first_received_at: at,
    last_received_at: at,
    created_at: at,
    updated_at: at,
  };
}

export function alertRow(groupId: string, name: string): Insertable<AlertGroupAlertsTable> {
  const at = '2026-01-01T00:00:00.000Z';
  return { group_id: groupId, fingerprint: `${groupId}-${name}`, name, labels: '{}', links: '{}', status: 'firing', starts_at: at, updated_at: at };
}
