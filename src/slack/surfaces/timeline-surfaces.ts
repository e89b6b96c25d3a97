import type { WebClient } from '@slack/web-api';
import type { Incident } from '../../incidents/incident';
import { timelineFor } from '../../timeline/timeline-queries';
import { addEntryModal } from '../blocks/timeline-entry-modals';
import { timelineView } from '../blocks/timeline-view';
import { slackCall } from '../web-api/slack-call';
import { localParts } from '../../zoned-time';
import type { ListenerDeps } from '../listeners/listener-deps';

/** The add-entry form, its date and time set to now in the person's own zone. */
export async function addEntryForm(deps: ListenerDeps, client: WebClient, incident: Incident, userId: string, timelineViewId?: string) {
  const timeZone = await deps.services(client).people.timeZoneOr(userId, deps.config.reminders.defaultTimeZone);
  return addEntryModal(incident, localParts(deps.clock.now(), timeZone), { incidentId: incident.id, timeZone, timelineViewId });
}

/** Re-renders an open timeline view after its entries changed (keeping its page). */
export async function refreshTimelineView(deps: ListenerDeps, client: WebClient, viewId: string, incident: Incident, page?: number) {
  const view = timelineView(incident, await timelineFor(deps.db, incident.id), page);
  await slackCall(() => client.views.update({ view_id: viewId, view })).catch((err: unknown) =>
    deps.logger.warn({ err, viewId }, 'could not refresh the timeline view'),
  );
}
