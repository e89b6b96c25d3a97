import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import type { LinkedAlert } from '../incidents/card-context';
import { isClosed } from '../incidents/status';
import type { AlertGroup, AlertGroupView } from './alert-group';
import type { ReceivedAlert } from './alert-notification';
import { toAlertGroup, toReceivedAlert } from './alert-group-mapper';
import { alertsOfGroup, alertsOfGroups, findGroupById, groupsOfIncident } from './alerts.repository';

export async function loadAlertGroup(db: Kysely<Database>, groupId: string): Promise<AlertGroup> {
  const row = await findGroupById(db, groupId);
  if (!row) throw new AppError('alert_not_found', 'that alert is no longer known to the bot.');
  return toAlertGroup(row);
}

/** A group with its alerts and, when linked, where its incident is. */
export async function loadGroupView(db: Kysely<Database>, groupId: string): Promise<AlertGroupView> {
  const group = await loadAlertGroup(db, groupId);
  return viewOf(db, group);
}

export async function viewOf(db: Kysely<Database>, group: AlertGroup): Promise<AlertGroupView> {
  const alerts = (await alertsOfGroup(db, group.id)).map(toReceivedAlert);
  if (!group.incidentId || group.state !== 'linked') return { group, alerts, incident: null };
  const incident = await loadIncident(db, group.incidentId).catch(() => undefined);
  return {
    group,
    alerts,
    incident: incident ? { channelId: incident.channelId, isPrivate: incident.isPrivate, open: !isClosed(incident.status) } : null,
  };
}

/** The alerts of every group linked to the incident, as its card lists them. */
export async function linkedAlertsOf(db: Kysely<Database>, incidentId: string): Promise<LinkedAlert[]> {
  const groups = (await groupsOfIncident(db, incidentId)).filter((g) => g.state === 'linked');
  const rows = await alertsOfGroups(db, groups.map((g) => g.id));
  return rows.map(toReceivedAlert).map((alert) => ({
    name: alert.name,
    status: alert.status,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    link: alert.links.source ?? alert.links.generator ?? alert.links.dashboard ?? null,
  }));
}

/** The groups linked to the incident, each with its alerts: what says which alerts, and which services, it was about. */
export async function linkedAlertGroupsOf(db: Kysely<Database>, incidentId: string): Promise<Array<{ group: AlertGroup; alerts: ReceivedAlert[] }>> {
  const groups = (await groupsOfIncident(db, incidentId)).filter((g) => g.state === 'linked').map(toAlertGroup);
  const alerts = (await alertsOfGroups(db, groups.map((g) => g.id))).map((row) => ({ groupId: row.group_id, alert: toReceivedAlert(row) }));
  return groups.map((group) => ({ group, alerts: alerts.filter((a) => a.groupId === group.id).map((a) => a.alert) }));
}

/** Slack user ids an alert can name: `<@U…>` in its text, or a label such as `slack_user: U…`. */
const MENTION = /<@([UW][A-Z0-9]{6,})(?:\|[^>]*)?>/g;
const USER_ID = /^[UW][A-Z0-9]{6,}$/;

/**
 * The people the incident's alerts name (their owner or on-call, as the alert rule wrote them):
 * mentions in an alert's summary or description, and label values that are Slack user ids.
 */
export async function peopleNamedOnAlerts(db: Kysely<Database>, incidentId: string): Promise<string[]> {
  const groups = (await groupsOfIncident(db, incidentId)).filter((g) => g.state === 'linked');
  const alerts = (await alertsOfGroups(db, groups.map((g) => g.id))).map(toReceivedAlert);
  const people = new Set<string>();
  for (const alert of alerts) {
    for (const text of [alert.summary, alert.description]) {
      for (const match of (text ?? '').matchAll(MENTION)) people.add(match[1] as string);
    }
    for (const value of Object.values(alert.labels)) {
      const trimmed = value.trim();
      if (USER_ID.test(trimmed)) people.add(trimmed);
    }
  }
  return [...people];
}
