import { dismissAlertGroup } from '../../../alerts/decide-on-offer';
import type { DismissAlertMetadata } from '../../blocks/dismiss-alert-modal';
import { Field } from '../../ids';
import { metadataOf, textOf } from '../../parse/view-state';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';

/** The reason was given: the alert is recorded as not an incident and its offer says so. */
export function alertDismissSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client, context }) => {
    const { groupId } = metadataOf<DismissAlertMetadata>(view.private_metadata);
    const reason = textOf(view.state.values, Field.alertDismissReason) ?? '';
    if (!reason.trim()) return ack({ response_action: 'errors', errors: { [Field.alertDismissReason]: 'Say in a few words why this is not an incident.' } });
    await ack();
    await dismissAlertGroup(deps.services(client, context.botUserId).alerts, groupId ?? '', body.user.id, reason);
  };
}
