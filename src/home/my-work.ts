import type { Clock } from '../clock';
import type { Kysely } from 'kysely';
import type { ActionItem } from '../action-items/action-item';
import { doneItemsOwnedBy, openItemsOwnedBy } from '../action-items/open-items-owned-by';
import type { Database } from '../db/database';
import type { Incident } from '../incidents/incident';
import { incidentsById } from '../incidents/incidents-by-id';
import { incidentsVisibleTo } from '../incidents/incidents-visible-to';
import type { InsightFigures } from '../insights/insight-figures';
import type { MembershipPort } from '../incidents/membership-port';
import { recentlyPublished } from '../postmortems/recently-published';

export interface MyWork {
  /** Open items this person owns, overdue first, then by due date. */
  items: Array<{ item: ActionItem; incident: Incident }>;
  /** Items this person finished lately, with whether they were confirmed to work. */
  done: Array<{ item: ActionItem; incident: Incident }>;
  /** Open incidents this person commands, declared or responds to. */
  incidents: Incident[];
  /** Recently published post-mortems this person may see. */
  postmortems: Array<{ incident: Incident; publishedAt: Date }>;
  /** The last 30 days' insights as this person may see them (see insights/insights.ts). */
  insights?: InsightFigures;
}

const RECENT_POSTMORTEMS = 5;
/** Done items are shown while their check is coming or just came: a little past the longest wait before it. */
const DONE_SHOWN_FOR_MS = 120 * 86_400_000;
const DONE_SHOWN = 5;

/** What a person has on their plate, for their App Home. `today` is their own calendar day. */
export async function myWork(deps: { db: Kysely<Database>; members: MembershipPort; clock: Clock }, userId: string, today: string): Promise<MyWork> {
  const { db } = deps;
  const owned = await openItemsOwnedBy(db, userId);
  const finished = await doneItemsOwnedBy(db, userId, new Date(deps.clock.now().getTime() - DONE_SHOWN_FOR_MS), DONE_SHOWN);
  // Read a few more than shown: private ones this person was not part of are left out.
  const published = await recentlyPublished(db, RECENT_POSTMORTEMS * 4);
  const incidents = await incidentsById(db, [...owned, ...finished].map((item) => item.incidentId).concat(published.map((p) => p.incidentId)));

  const items = owned.flatMap((item) => {
    const incident = incidents.get(item.incidentId);
    return incident ? [{ item, incident }] : [];
  });
  const done = finished.flatMap((item) => {
    const incident = incidents.get(item.incidentId);
    return incident ? [{ item, incident }] : [];
  });
  items.sort((a, b) => Number(b.item.dueDate < today) - Number(a.item.dueDate < today) || a.item.dueDate.localeCompare(b.item.dueDate));

  const involved = (i: Incident) => i.commanderId === userId || i.declaredBy === userId || i.responderIds.includes(userId);
  const mine = (await incidentsVisibleTo(deps, userId)).filter(involved);

  const recent = published.flatMap(({ incidentId, publishedAt }) => {
    const incident = incidents.get(incidentId);
    return incident ? [{ incident, publishedAt }] : [];
  });
  const visible = await Promise.all(
    recent.map(({ incident }) => !incident.isPrivate || (incident.channelId !== null && deps.members.isMember(incident.channelId, userId))),
  );
  const postmortems = recent.filter((_, i) => visible[i]).slice(0, RECENT_POSTMORTEMS);
  return { items, done, incidents: mine, postmortems };
}
