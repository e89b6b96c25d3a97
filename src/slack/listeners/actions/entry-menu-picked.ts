import type { AllMiddlewareArgs, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { AppError } from '../../../errors';
import { timelineEntry } from '../../../timeline/timeline-queries';
import { localParts } from '../../../zoned-time';
import { deleteEntryModal, editEntryModal } from '../../blocks/timeline-entry-modals';
import { describeError } from '../../reply-error';
import { tellPrivately } from '../../tell-privately';
import { userTimeZone } from '../../user-time-zone';
import type { ListenerDeps } from '../deps';
import { pushModal } from './push-modal';

type OverflowArgs = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;

/** "Edit text or time" / "Delete" on an entry: the matching form on top of the timeline. */
export function entryMenuPicked(deps: ListenerDeps) {
  return async (args: OverflowArgs): Promise<void> => {
    await args.ack();
    const [choice, entryId = ''] = (args.action.selected_option?.value ?? '').split(':');
    try {
      const entry = await timelineEntry(deps.db, entryId);
      if (!entry) throw new AppError('entry_not_found', 'that timeline entry no longer exists.');
      const timeZone = await userTimeZone(args.client, args.body.user.id, deps.config.reminders.defaultTimeZone);
      const metadata = { incidentId: entry.incidentId, entryId, timeZone, timelineViewId: args.body.view?.id };
      const view =
        choice === 'delete' ? deleteEntryModal(entry, metadata) : editEntryModal(entry, localParts(entry.occurredAt, timeZone), metadata);
      await pushModal(args.client, args.body.trigger_id, view);
    } catch (error) {
      const text = `:warning: ${describeError(error, deps.logger, { action: args.action.action_id, entryId })}`;
      await tellPrivately(args.client, deps.logger, { user: args.body.user.id }, text);
    }
  };
}
