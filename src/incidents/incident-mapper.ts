import { fromStoredInstant } from '../db/instant';
import type { Incident } from './incident';
import type { IncidentRow } from './incidents.repository';
import type { Severity } from './severity';
import type { Status } from './status';

const maybeInstant = (value: string | null): Date | null => (value ? fromStoredInstant(value) : null);

export function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity as Severity,
    status: row.status as Status,
    isPrivate: row.is_private === 1,
    description: row.description,
    channelId: row.channel_id,
    channelName: row.channel_name,
    // Stored as an empty string while nobody has taken command.
    commanderId: row.commander_id || null,
    declaredBy: row.declared_by,
    responderIds: row.responder_ids ? row.responder_ids.split(',') : [],
    impactStartedAt: fromStoredInstant(row.impact_started_at),
    declaredAt: fromStoredInstant(row.declared_at),
    detectedAt: maybeInstant(row.detected_at),
    mitigatedAt: maybeInstant(row.mitigated_at),
    resolvedAt: maybeInstant(row.resolved_at),
    resolutionNote: row.resolution_note,
    cardTs: row.card_ts,
    announcement:
      row.announcement_channel_id && row.announcement_ts
        ? { channelId: row.announcement_channel_id, ts: row.announcement_ts }
        : null,
    setupCompletedAt: maybeInstant(row.setup_completed_at),
  };
}
