import { incidentForMember } from '../../../incidents/require-member';
import type { TimelineViewMetadata } from '../../blocks/timeline-view';
import { metadataOf } from '../../parse/view-state';
import { refreshTimelineView } from '../../surfaces/timeline-surfaces';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** "◀ Earlier" / "Later ▶": another page of the same timeline, in place, for members only. */
export function timelinePageClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const view = args.body.view;
    const { incidentId } = metadataOf<TimelineViewMetadata>(view?.private_metadata);
    if (!view || !incidentId) return;
    const incident = await incidentForMember(deps.services(args.client).incidents, incidentId, args.body.user.id, 'see its timeline');
    await refreshTimelineView(deps, args.client, view.id, incident, Number(buttonValue(args)));
  };
}
