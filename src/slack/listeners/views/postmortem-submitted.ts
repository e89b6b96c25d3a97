import { incidentForMember } from '../../../incidents/require-member';
import { saveDraft } from '../../../postmortems/save-draft';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import { type PostmortemFormMetadata, conflictNotice } from '../../blocks/postmortem-modal';
import { postmortemProgressView } from '../../blocks/postmortem-review';
import { readPostmortemForm } from '../../parse/postmortem-form';
import { metadataOf } from '../../parse/view-state';
import { postmortemFormView } from '../../surfaces/postmortem-form-view';
import { reviewStepView } from '../../surfaces/review-step-view';
import { showView } from '../../web-api/show-view';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';

/**
 * The form was submitted: acknowledged at once, then the draft is saved and the review shown. If
 * someone saved since this person opened the form, nothing is overwritten: the form comes back
 * with their own text, says who saved and when, and saving again is then a conscious choice. A
 * failure brings the form back with what they typed, so nothing is lost.
 */
export function postmortemSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client, context }, reply) => {
    const metadata = metadataOf<PostmortemFormMetadata>(view.private_metadata);
    if (!metadata.incidentId) return ack();
    const incidentId = metadata.incidentId;
    const content = readPostmortemForm(view.state.values, metadata.proposed);
    await ack({ response_action: 'update', view: postmortemProgressView(':hourglass_flowing_sand: Saving the draft…') });
    const services = deps.services(client, context.botUserId);
    // Someone outside the channel is told why, without being shown the draft.
    reply.inModal(view.id, (problem) => postmortemProgressView(`:warning: ${escapeMrkdwn(problem)}`));
    const incident = await incidentForMember(services.incidents, incidentId, body.user.id, 'write its post-mortem');
    reply.inModal(view.id, (problem) =>
      postmortemFormView(deps, services, incident, { content, notice: `Not saved: ${escapeMrkdwn(problem)}`, basedOnVersion: metadata.version ?? 0 }),
    );
    const outcome = await saveDraft(services.postmortems, incidentId, content, body.user.id, metadata.version ?? 0);
    if (outcome.kind === 'conflict') {
      const notice = conflictNotice(outcome.current.updatedBy, outcome.current.updatedAt);
      await showView(client, deps.logger, view.id, await postmortemFormView(deps, services, incident, { content, notice }));
      return;
    }
    const step = await reviewStepView(deps, services, { incidentId, userId: body.user.id, version: outcome.postmortem.version });
    await showView(client, deps.logger, view.id, step);
  };
}
