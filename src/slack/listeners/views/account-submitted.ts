import { saveAccount, showSavedAccount } from '../../../accounts/save-account';
import { type AccountFormMetadata, accountSavedView } from '../../blocks/account-modal';
import { AccountField } from '../../ids';
import { ACCOUNT_FIELD_BLOCKS, readAccountForm } from '../../parse/account-form';
import { metadataOf } from '../../parse/view-state';
import { showStateWhereClicked } from '../../surfaces/account-request-state';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';

/**
 * The account form was submitted: saved before the acknowledgement, so that a problem (an answer
 * too long, nothing answered, accounts closed) goes back onto the form with everything typed.
 * Then the form becomes the saved view: thanks, any gentle note on self-blame, and the moments
 * its times put on the timeline.
 */
export function accountSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client, context }, reply) => {
    const metadata = metadataOf<AccountFormMetadata>(view.private_metadata);
    if (!metadata.incidentId) return ack();
    reply.onForm(ACCOUNT_FIELD_BLOCKS, AccountField.noticed);
    const input = readAccountForm(view.state.values);
    const accounts = deps.services(client, context.botUserId).accounts;
    const saved = await saveAccount(accounts, metadata.incidentId, body.user.id, input);
    const { account, incident } = saved;
    await ack({ response_action: 'update', view: accountSavedView(incident, account, saved, metadata.clicked) });
    // The person has their answer; the messages in their DMs follow.
    await showSavedAccount(accounts, saved);
    await showStateWhereClicked(client, deps.logger, metadata.clicked, account, incident);
  };
}
