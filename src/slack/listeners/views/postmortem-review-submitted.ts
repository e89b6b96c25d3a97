import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { publishPostmortem, reviewPostmortem } from '../../../postmortems/publish-postmortem';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { publishedView, reviewView } from '../../blocks/postmortem-review';
import { escapeMrkdwn } from '../../blocks/mrkdwn';
import { CallbackId, Field } from '../../ids';
import { checkedOf, metadataOf } from '../../parse/view-state';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { type ListenerDeps, postmortemDeps } from '../deps';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

function progressView(text: string): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.postmortemPublishing,
    title: { type: 'plain_text', text: 'Post-mortem' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/**
 * "Publish" in the review. Notes left without "Publish anyway" send the author back to them;
 * otherwise the modal shows progress at once (publishing a long post-mortem takes many calls)
 * and then where it was published.
 */
export function postmortemReviewSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = metadataOf<PostmortemFormMetadata>(view.private_metadata);
    if (!metadata.incidentId) return void (await ack());
    const incidentId = metadata.incidentId;
    const acceptNotes = checkedOf(view.state.values, Field.publishAnyway).includes('accept');
    const review = await reviewPostmortem(deps.db, incidentId);
    if (review.problems.length > 0) {
      await ack({ response_action: 'update', view: reviewView({ incidentId, version: metadata.version ?? 0 }, review) });
      return;
    }
    if (review.notes.length > 0 && !acceptNotes) {
      await ack({
        response_action: 'errors',
        errors: { [Field.publishAnyway]: 'Change the wording (Back to editing), or tick "Publish anyway" to publish with these notes recorded.' },
      });
      return;
    }
    await ack({ response_action: 'update', view: progressView(':hourglass_flowing_sand: Publishing the post-mortem…') });
    const show = (next: ModalView) =>
      slackCall(() => client.views.update({ view_id: view.id, view: next })).catch((err: unknown) =>
        deps.logger.warn({ err, viewId: view.id }, 'could not show the publishing result'),
      );
    try {
      const outcome = await publishPostmortem(postmortemDeps(deps, client, context.botUserId), incidentId, body.user.id, { acceptNotes });
      if (outcome.kind === 'published') await show(publishedView(outcome.channels, outcome.messages, outcome.path));
      else await show(reviewView({ incidentId, version: metadata.version ?? 0 }, await reviewPostmortem(deps.db, incidentId)));
    } catch (error) {
      const problem = describeError(error, deps.logger, { view: view.callback_id, incidentId });
      await show(progressView(`:warning: The post-mortem was not fully published: ${escapeMrkdwn(problem)} Your draft is saved; publish again from \`/incident postmortem\`.`));
    }
  };
}
