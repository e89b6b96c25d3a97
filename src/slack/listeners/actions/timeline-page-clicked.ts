import { loadIncident } from '../../../incidents/incident-queries';
import type { TimelineViewMetadata } from '../../blocks/timeline-view';
import { metadataOf } from '../../parse/view-state';
import { refreshTimelineView } from '../../timeline-modals';
import type { ListenerDeps } from '../deps';
import { type ButtonArgs, explainFailedClick } from './button-args';

/** "◀ Earlier" / "Later ▶": another page of the same timeline, in place. */
export function timelinePageClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const view = args.body.view;
    const { incidentId } = metadataOf<TimelineViewMetadata>(view?.private_metadata);
    if (!view || !incidentId) return;
    try {
      await refreshTimelineView(deps, args.client, view.id, await loadIncident(deps.db, incidentId), Number(args.action.value));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
