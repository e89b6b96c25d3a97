import type { Kysely } from 'kysely';
import type { ActionItem } from '../action-items/action-item';
import { toActionItem } from '../action-items/action-item-mapper';
import { listOpenItemsOwnedBy } from '../action-items/action-items.repository';
import type { Database } from '../db/database';
import { fromStoredInstant } from '../db/instant';
import type { Incident } from '../incidents/incident';
import { toIncident } from '../incidents/incident-mapper';
import { incidentsVisibleTo } from '../incidents/incidents-visible-to';
import type { MembershipPort } from '../incidents/membership-port';
import { findIncidentById } from '../incidents/incidents.repository';
import { listRecentlyPublished } from '../postmortems/postmortems.repository';

export interface MyWork {
  /** Open items this person owns, overdue first, then by due date. */
  items: Array<{ item: ActionItem; incident: Incident }>;
  /** Open incidents this person commands, declared or responds to. */
  incidents: Incident[];
  /** Recently published post-mortems this person may see. */
  postmortems: Array<{ incident: Incident; publishedAt: Date }>;
}

const RECENT_POSTMORTEMS = 5;

/** What a person has on their plate, for their App Home. `today` is their own calendar day. */
export async function myWork(deps: { db: Kysely<Database>; members: MembershipPort }, userId: string, today: string): Promise<MyWork> {
  const { db } = deps;
  const incidents = new Map<string, Incident>();
  const incidentOf = async (id: string) => {
    if (!incidents.has(id)) {
      const row = await findIncidentById(db, id);
      if (row) incidents.set(id, toIncident(row));
    }
    return incidents.get(id);
  };
  const items: MyWork['items'] = [];
  for (const row of await listOpenItemsOwnedBy(db, userId)) {
    const incident = await incidentOf(row.incident_id);
    if (incident) items.push({ item: toActionItem(row), incident });
  }
  items.sort((a, b) => Number(b.item.dueDate < today) - Number(a.item.dueDate < today) || a.item.dueDate.localeCompare(b.item.dueDate));

  const involved = (i: Incident) => i.commanderId === userId || i.declaredBy === userId || i.responderIds.includes(userId);
  const mine = (await incidentsVisibleTo(deps, userId)).filter(involved);

  // Read a few more than shown: private ones this person was not part of are left out.
  const published = await listRecentlyPublished(db, RECENT_POSTMORTEMS * 4);
  const recent = published.map((row) => ({ incident: toIncident(row), publishedAt: fromStoredInstant(row.pm_published_at as string) }));
  const visible = await Promise.all(
    recent.map(({ incident }) => !incident.isPrivate || (incident.channelId !== null && deps.members.isMember(incident.channelId, userId))),
  );
  const postmortems = recent.filter((_, i) => visible[i]).slice(0, RECENT_POSTMORTEMS);
  return { items, incidents: mine, postmortems };
}
