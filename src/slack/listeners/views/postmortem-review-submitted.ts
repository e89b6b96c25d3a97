import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { publishPostmortem, reviewPostmortem } from '../../../postmortems/publish-postmortem';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { postmortemProgressView, publishedView, reviewView } from '../../blocks/postmortem-review';
import { escapeMrkdwn } from '../../blocks/mrkdwn';
import { Field } from '../../ids';
import { checkedOf, metadataOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { type ListenerDeps, postmortemDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * "Publish" in the review. Notes left without "Publish anyway" send the author back to them;
 * otherwise the modal shows progress at once and then where it was published.
 */
export function postmortemReviewSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = metadataOf<PostmortemFormMetadata>(view.private_metadata);
    if (!metadata.incidentId) return void (await ack());
    const incidentId = metadata.incidentId;
    const reviewedVersion = metadata.version ?? 0;
    const acceptNotes = checkedOf(view.state.values, Field.publishAnyway).includes('accept');
    const review = await reviewPostmortem(deps.db, incidentId);
    if (review.notes.length > 0 && !acceptNotes && review.problems.length === 0) {
      await ack({
        response_action: 'errors',
        errors: { [Field.publishAnyway]: 'Change the wording (Back to editing), or tick "Publish anyway" to publish with these notes recorded.' },
      });
      return;
    }
    await ack({ response_action: 'update', view: postmortemProgressView(':hourglass_flowing_sand: Publishing the post-mortem…') });
    const show = (next: ModalView) =>
      slackCall(() => client.views.update({ view_id: view.id, view: next })).catch((err: unknown) =>
        deps.logger.warn({ err, viewId: view.id }, 'could not show the publishing result'),
      );
    try {
      const service = postmortemDeps(deps, client, context.botUserId);
      const outcome = await publishPostmortem(service, incidentId, body.user.id, { acceptNotes, reviewedVersion });
      if (outcome.kind === 'published') await show(publishedView(outcome.channels, outcome.messages, outcome.path));
      else if (outcome.kind === 'blocked') await show(reviewView({ incidentId, version: reviewedVersion }, { problems: outcome.problems, notes: [] }));
      else await show(reviewView({ incidentId, version: reviewedVersion }, { problems: [], notes: outcome.notes }));
    } catch (error) {
      const problem = escapeMrkdwn(describeError(error, deps.logger, { view: view.callback_id, incidentId }));
      await show(postmortemProgressView(`:warning: The post-mortem was not fully published: ${problem} Your draft is saved; publish again from \`/incident postmortem\`.`));
    }
  };
}
