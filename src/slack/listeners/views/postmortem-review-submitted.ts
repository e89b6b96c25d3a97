import { incidentForMember } from '../../../incidents/require-member';
import { publishPostmortem, reviewPostmortem } from '../../../postmortems/publish-postmortem';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { postmortemProgressView, publishedView } from '../../blocks/postmortem-review';
import { Field } from '../../ids';
import { checkedOf, metadataOf } from '../../parse/view-state';
import { reviewStepView } from '../../surfaces/review-step-view';
import { showView } from '../../web-api/show-view';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';

/**
 * "Publish" in the review. Notes left without "Publish anyway" send the author back to them;
 * otherwise the modal shows progress at once and then where it was published.
 */
export function postmortemReviewSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client, context }, reply) => {
    const metadata = metadataOf<PostmortemFormMetadata>(view.private_metadata);
    if (!metadata.incidentId) return ack();
    const incidentId = metadata.incidentId;
    const reviewedVersion = metadata.version ?? 0;
    const acceptNotes = checkedOf(view.state.values, Field.publishAnyway).includes('accept');
    const services = deps.services(client, context.botUserId);
    // The review quotes the draft: for the channel's members only, like the draft itself.
    await incidentForMember(services.incidents, incidentId, body.user.id, 'write its post-mortem');
    const review = await reviewPostmortem(services.postmortems, incidentId);
    if (review.notes.length > 0 && !acceptNotes && review.problems.length === 0) {
      return ack({
        response_action: 'errors',
        errors: { [Field.publishAnyway]: 'Change the wording (Back to editing), or tick "Publish anyway" to publish with these notes recorded.' },
      });
    }
    await ack({ response_action: 'update', view: postmortemProgressView(':hourglass_flowing_sand: Publishing the post-mortem…') });
    reply.inModal(view.id, (problem) =>
      postmortemProgressView(
        `:warning: The post-mortem was not fully published: ${escapeMrkdwn(problem)} Your draft is saved; publish again from \`/incident postmortem\`.`,
      ),
    );
    const outcome = await publishPostmortem(services.postmortems, incidentId, body.user.id, { acceptNotes, reviewedVersion });
    const show = (next: Parameters<typeof showView>[3]) => showView(client, deps.logger, view.id, next);
    if (outcome.kind === 'published') return show(publishedView(outcome.channels, outcome.messages, outcome.path, outcome.fileLink));
    const again = outcome.kind === 'blocked' ? { problems: outcome.problems, notes: [] } : { problems: [], notes: outcome.notes };
    await show(await reviewStepView(deps, services, { incidentId, userId: body.user.id, version: reviewedVersion }, { review: again }));
  };
}
