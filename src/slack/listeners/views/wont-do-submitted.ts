import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { markWontDo } from '../../../action-items/change-item-status';
import { refreshPublishedPostmortem } from '../../../postmortems/publish-postmortem';
import type { WontDoMetadata } from '../../blocks/wont-do-modal';
import { Field } from '../../ids';
import { metadataOf, textOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { type ListenerDeps, postmortemDeps } from '../deps';
import { showItemChange } from '../show-item-change';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The reason was given: the item is closed as won't do, and the DM (or Home) shows it. */
export function wontDoSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = metadataOf<WontDoMetadata>(view.private_metadata);
    try {
      const { item, incident } = await markWontDo(deps, metadata.itemId ?? '', body.user.id, textOf(view.state.values, Field.wontDoReason) ?? '');
      await ack();
      deps.logger.info({ itemId: item.id, by: body.user.id }, "action item closed as won't do");
      const message = metadata.channel && metadata.ts ? { channel: metadata.channel, ts: metadata.ts } : undefined;
      await showItemChange(deps, client, { userId: body.user.id, message }, item, incident).catch((err: unknown) =>
        deps.logger.warn({ err, itemId: item.id }, 'could not show the closed item'),
      );
      await refreshPublishedPostmortem(postmortemDeps(deps, client, context.botUserId), incident.id).catch(() => undefined);
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [Field.wontDoReason]: describeError(error, deps.logger, { view: view.callback_id }) } });
    }
  };
}
