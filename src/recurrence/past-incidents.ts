import { actionItemsFor } from '../action-items/action-item-service';
import { incidentsById } from '../incidents/incidents-by-id';
import { postmortemFor } from '../postmortems/postmortem-queries';
import { itemOutcomes } from './item-outcomes';
import type { PastIncident } from './past-incident';
import type { RecurrenceDeps } from './recurrence-deps';

/**
 * The incidents with these ids as suggestions show them, in the order given. Private ones and
 * ids of no incident are left out: whatever asks, a private incident is never shown elsewhere.
 * Without `links` (a form lists them; nobody follows a link from there) no message link is asked of the chat.
 */
export async function pastIncidents(deps: RecurrenceDeps, ids: readonly string[], options: { links: boolean } = { links: true }): Promise<PastIncident[]> {
  const incidents = await incidentsById(deps.db, ids);
  const shown = [...new Set(ids)].flatMap((id) => {
    const incident = incidents.get(id);
    return incident && !incident.isPrivate ? [incident] : [];
  });
  // Each read on its own: on PostgreSQL they go over the pool's connections side by side.
  return Promise.all(
    shown.map(async (incident): Promise<PastIncident> => {
      const [postmortem, items, places] = await Promise.all([
        postmortemFor(deps.db, incident.id),
        actionItemsFor(deps.db, incident.id),
        // It answers nothing until the post-mortem is published, so it is asked alongside, not after.
        options.links ? deps.postmortemPlaces(incident) : { message: null, fileUrl: null },
      ]);
      const published = postmortem.publishedAt !== null;
      return {
        id: incident.id,
        title: incident.title,
        severity: incident.severity,
        declaredAt: incident.declaredAt,
        channelId: incident.channelId,
        channelName: incident.channelName,
        postmortem: {
          published,
          messageUrl: places.message ? await deps.port.permalink(places.message.channelId, places.message.ts) : null,
          fileUrl: places.fileUrl,
        },
        items: itemOutcomes(items),
      };
    }),
  );
}
