import { wontDoReasonProblem } from '../../../action-items/change-item-status';
import { declineActionItem } from '../../../action-items/complete-action-item';
import type { WontDoMetadata } from '../../blocks/wont-do-modal';
import { Field } from '../../ids';
import { metadataOf, textOf } from '../../parse/view-state';
import { showItemChange } from '../../surfaces/show-item-change';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';

/** The reason was given: the item is closed as won't do, and the DM (or Home) shows it. */
export function wontDoSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client }) => {
    const metadata = metadataOf<WontDoMetadata>(view.private_metadata);
    const reason = textOf(view.state.values, Field.wontDoReason) ?? '';
    const problem = wontDoReasonProblem(reason);
    if (problem) return ack({ response_action: 'errors', errors: { [Field.wontDoReason]: problem.message } });
    await ack();
    const declined = await declineActionItem(deps.services(client).actionItems, metadata.itemId ?? '', body.user.id, reason);
    const message = metadata.channel && metadata.ts ? { channel: metadata.channel, ts: metadata.ts } : undefined;
    await showItemChange(deps, client, { userId: body.user.id, message }, declined);
  };
}
