import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Incident } from './incident';
import { toIncident } from './incident-mapper';
import { listOpenIncidents } from './incidents.repository';
import type { MembershipPort } from './membership-port';

/**
 * Open incidents a person may know about: every public one (its announcement is public too), and
 * a private one only while they are a member of its channel, as Slack says now.
 */
export async function incidentsVisibleTo(deps: { db: Kysely<Database>; members: MembershipPort }, userId: string): Promise<Incident[]> {
  const open = (await listOpenIncidents(deps.db)).map(toIncident);
  const visible = await Promise.all(open.map((incident) => isVisibleTo(deps.members, incident, userId)));
  return open.filter((_, i) => visible[i]);
}

/** Whether a person may know about an incident at all: it is public, or they are in its private channel now. */
export async function isVisibleTo(members: MembershipPort, incident: Pick<Incident, 'isPrivate' | 'channelId'>, userId: string): Promise<boolean> {
  return !incident.isPrivate || (incident.channelId !== null && (await members.isMember(incident.channelId, userId)));
}
