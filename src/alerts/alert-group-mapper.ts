import { fromStoredInstant, toStoredInstant } from '../db/instant';
import type { Severity } from '../incidents/severity';
import type { AlertGroup, AlertGroupState } from './alert-group';
import type { AlertLinks, AlertSource, AlertState, ReceivedAlert } from './alert-notification';
import type { AlertGroupRow, AlertRow } from './alerts.repository';

const instant = (value: string | null): Date | null => (value ? fromStoredInstant(value) : null);

export function toAlertGroup(row: AlertGroupRow): AlertGroup {
  return {
    id: row.id,
    source: row.source as AlertSource,
    groupKey: row.group_key,
    title: row.title,
    severity: row.severity as Severity,
    state: row.state as AlertGroupState,
    rule: row.rule,
    channelId: row.channel_id,
    incidentId: row.incident_id,
    offerTs: row.offer_ts,
    offeredAt: instant(row.offered_at),
    heldAt: instant(row.held_at),
    declined:
      row.declined_by && row.declined_at ? { by: row.declined_by, reason: row.declined_reason ?? '', at: fromStoredInstant(row.declined_at) } : null,
    firstReceivedAt: fromStoredInstant(row.first_received_at),
    lastReceivedAt: fromStoredInstant(row.last_received_at),
    earliestStartsAt: instant(row.earliest_starts_at),
  };
}

export function toReceivedAlert(row: AlertRow): ReceivedAlert {
  return {
    fingerprint: row.fingerprint,
    status: row.status as AlertState,
    name: row.name,
    summary: row.summary,
    description: row.description,
    severity: row.severity,
    labels: JSON.parse(row.labels) as Record<string, string>,
    startsAt: fromStoredInstant(row.starts_at),
    endsAt: instant(row.ends_at),
    links: JSON.parse(row.links) as AlertLinks,
  };
}

/** An alert as its row stores it. */
export function toAlertRow(groupId: string, alert: ReceivedAlert, now: Date) {
  return {
    group_id: groupId,
    fingerprint: alert.fingerprint,
    name: alert.name,
    summary: alert.summary,
    description: alert.description,
    severity: alert.severity,
    labels: JSON.stringify(alert.labels),
    links: JSON.stringify(alert.links),
    status: alert.status,
    starts_at: toStoredInstant(alert.startsAt),
    ends_at: alert.endsAt ? toStoredInstant(alert.endsAt) : null,
    updated_at: toStoredInstant(now),
  };
}
