import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { loadIncident } from '../../../incidents/incident-queries';
import { reviewPostmortem } from '../../../postmortems/publish-postmortem';
import { saveDraft } from '../../../postmortems/save-draft';
import { type PostmortemFormMetadata, conflictNotice } from '../../blocks/postmortem-modal';
import { postmortemProgressView, reviewView } from '../../blocks/postmortem-review';
import { escapeMrkdwn } from '../../blocks/mrkdwn';
import { readPostmortemForm } from '../../parse/postmortem-form';
import { metadataOf } from '../../parse/view-state';
import { postmortemForm } from '../../postmortem-form';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { type ListenerDeps, postmortemDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The form was submitted: acknowledged at once, then the draft is saved and the review shown. If
 * someone saved since this person opened the form, nothing is overwritten: the form comes back
 * with their own text, says who saved and when, and saving again is then a conscious choice.
 */
export function postmortemSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = metadataOf<PostmortemFormMetadata>(view.private_metadata);
    if (!metadata.incidentId) return void (await ack());
    const incidentId = metadata.incidentId;
    const content = readPostmortemForm(view.state.values);
    await ack({ response_action: 'update', view: postmortemProgressView(':hourglass_flowing_sand: Saving the draft…') });
    const show = (next: ModalView) =>
      slackCall(() => client.views.update({ view_id: view.id, view: next })).catch((err: unknown) =>
        deps.logger.warn({ err, viewId: view.id }, 'could not show the post-mortem after saving'),
      );
    try {
      const outcome = await saveDraft(postmortemDeps(deps, client, context.botUserId), incidentId, content, body.user.id, metadata.version ?? 0);
      const incident = await loadIncident(deps.db, incidentId);
      if (outcome.kind === 'conflict') {
        const notice = conflictNotice(outcome.current.updatedBy, outcome.current.updatedAt);
        await show(await postmortemForm(deps, incident, { content, notice }));
        return;
      }
      const review = await reviewPostmortem(deps.db, incidentId);
      await show(reviewView({ incidentId, version: outcome.postmortem.version }, review));
    } catch (error) {
      const problem = escapeMrkdwn(describeError(error, deps.logger, { view: view.callback_id }));
      const incident = await loadIncident(deps.db, incidentId).catch(() => undefined);
      // Bring the form back with what they typed, so nothing is lost.
      if (incident) await show(await postmortemForm(deps, incident, { content, notice: `Not saved: ${problem}`, basedOnVersion: metadata.version ?? 0 }));
    }
  };
}
