import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { toReceivedAlert } from './alert-group-mapper';
import { alertsOfGroups, groupsOfIncident } from './alerts.repository';

/**
 * What the alerts linked to an incident say, for finding the incident again by them: each
 * group's title, and each alert's name, summary and labels as `name=value`, each once.
 */
export async function linkedAlertText(db: Kysely<Database>, incidentId: string): Promise<string[]> {
  const groups = (await groupsOfIncident(db, incidentId)).filter((g) => g.state === 'linked');
  const alerts = (await alertsOfGroups(db, groups.map((g) => g.id))).map(toReceivedAlert);
  const text = new Set<string>(groups.map((g) => g.title));
  for (const alert of alerts) {
    text.add(alert.name);
    if (alert.summary) text.add(alert.summary);
    for (const [name, value] of Object.entries(alert.labels)) text.add(`${name}=${value}`);
  }
  return [...text];
}
