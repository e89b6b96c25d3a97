import type { AllMiddlewareArgs, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { loadIncident } from '../../../incidents/incident-queries';
import { timelineEntry } from '../../../timeline/timeline-queries';
import { deleteEntryModal, editEntryModal } from '../../blocks/timeline-entry-modals';
import type { TimelineViewMetadata } from '../../blocks/timeline-view';
import { metadataOf } from '../../parse/view-state';
import { slackCall } from '../../slack-errors';
import { userTimeZone } from '../../user-time-zone';
import { localParts } from '../../../zoned-time';
import type { ListenerDeps } from '../deps';
import { addEntryForm, refreshTimelineView } from '../timeline-modals';
import { type ButtonArgs, explainFailedClick } from './button-args';

type OverflowArgs = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;

const pushModal = (args: ButtonArgs | OverflowArgs, view: ModalView) =>
  slackCall(() => args.client.views.push({ trigger_id: args.body.trigger_id, view }));

/** "Add entry" in the timeline view: the add form on top of it. */
export function addEntryClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const incident = await loadIncident(deps.db, args.action.value ?? '');
      await pushModal(args, await addEntryForm(deps, args.client, incident, args.body.user.id, args.body.view?.id));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}

/** "Edit text or time" / "Delete" on an entry: the matching form on top of the timeline. */
export function entryMenuPicked(deps: ListenerDeps) {
  return async (args: OverflowArgs): Promise<void> => {
    await args.ack();
    const [choice, entryId = ''] = (args.action.selected_option?.value ?? '').split(':');
    const entry = await timelineEntry(deps.db, entryId);
    if (!entry) return;
    const timeZone = await userTimeZone(args.client, args.body.user.id);
    const metadata = { incidentId: entry.incidentId, entryId, timeZone, timelineViewId: args.body.view?.id };
    const view =
      choice === 'delete' ? deleteEntryModal(entry, metadata) : editEntryModal(entry, localParts(entry.occurredAt, timeZone), metadata);
    await pushModal(args, view).catch((err: unknown) => deps.logger.warn({ err, entryId }, 'could not open the entry form'));
  };
}

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
