import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { loadIncident } from '../../../incidents/incident-queries';
import { reviewPostmortem } from '../../../postmortems/publish-postmortem';
import { saveDraft } from '../../../postmortems/save-draft';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { reviewView } from '../../blocks/postmortem-review';
import { slackDate } from '../../blocks/slack-date';
import { Field } from '../../ids';
import { readPostmortemForm } from '../../parse/postmortem-form';
import { metadataOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { postmortemForm } from '../../postmortem-form';
import { type ListenerDeps, postmortemDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The form was submitted: the draft is saved and the review shown. If someone saved since this
 * person opened the form, nothing is overwritten: the form comes back with their own text, says
 * who saved and when, and saving again is then a conscious choice.
 */
export function postmortemSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = metadataOf<PostmortemFormMetadata>(view.private_metadata);
    if (!metadata.incidentId) return void (await ack());
    const incidentId = metadata.incidentId;
    const content = readPostmortemForm(view.state.values);
    try {
      const outcome = await saveDraft(postmortemDeps(deps, client, context.botUserId), incidentId, content, body.user.id, metadata.version ?? 0);
      if (outcome.kind === 'conflict') {
        const { current } = outcome;
        const who = current.updatedBy ? `<@${current.updatedBy}>` : 'Someone';
        const when = current.updatedAt ? slackDate(current.updatedAt) : 'just now';
        const notice = `${who} saved this post-mortem ${when}, after you opened it. Your text is below and was not saved; save again to replace their version, or close and reopen to see theirs.`;
        const form = await postmortemForm(deps, await loadIncident(deps.db, incidentId), { content, notice });
        await ack({ response_action: 'update', view: form });
        return;
      }
      const review = await reviewPostmortem(deps.db, incidentId);
      await ack({ response_action: 'update', view: reviewView({ incidentId, version: outcome.postmortem.version }, review) });
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [Field.summary]: describeError(error, deps.logger, { view: view.callback_id }) } });
    }
  };
}
