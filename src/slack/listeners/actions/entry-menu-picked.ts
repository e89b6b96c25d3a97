import { AppError } from '../../../errors';
import { incidentForMember } from '../../../incidents/require-member';
import { timelineEntry } from '../../../timeline/timeline-queries';
import { localParts } from '../../../zoned-time';
import { deleteEntryModal, editEntryModal } from '../../blocks/timeline-entry-modals';
import { personDay } from '../../surfaces/person-day';
import { pushModal } from '../../web-api/push-modal';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** "Edit text or time" / "Delete" on an entry: the matching form on top of the timeline. */
export function entryMenuPicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const [choice, entryId = ''] = buttonValue(args).split(':');
    const entry = await timelineEntry(deps.db, entryId);
    if (!entry) throw new AppError('entry_not_found', 'that timeline entry no longer exists.');
    // In parallel: the trigger to open the form lasts three seconds.
    const [, { timeZone }] = await Promise.all([
      incidentForMember(deps.services(args.client).incidents, entry.incidentId, args.body.user.id, 'change its timeline'),
      personDay(deps, args.client, args.body.user.id),
    ]);
    const metadata = { incidentId: entry.incidentId, entryId, timeZone, timelineViewId: args.body.view?.id };
    const view = choice === 'delete' ? deleteEntryModal(entry, metadata) : editEntryModal(entry, localParts(entry.occurredAt, timeZone), metadata);
    await pushModal(args.client, args.body.trigger_id, view);
  };
}
