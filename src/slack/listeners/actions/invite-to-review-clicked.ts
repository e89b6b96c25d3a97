import { incidentForMember } from '../../../incidents/require-member';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import { scheduleReview } from '../../../postmortems/schedule-review';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { meetingWhen } from '../../blocks/review-invitation';
import { metadataOf } from '../../parse/view-state';
import { reviewStepView } from '../../surfaces/review-step-view';
import { showView } from '../../web-api/show-view';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';

/**
 * "Invite to the review" in the review step: schedules the meeting at the draft's date and time
 * (the author's zone), which posts the one invitation in the incident channel; the step then says
 * so, or why not.
 */
export function inviteToReviewClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args, reply) => {
    const view = args.body.view;
    const { incidentId, version } = metadataOf<PostmortemFormMetadata>(view?.private_metadata);
    if (!view || !incidentId) return;
    const userId = args.body.user.id;
    const services = deps.services(args.client, args.context.botUserId);
    // The step quotes the draft: a failure is shown in it only to the channel's members.
    const incident = await incidentForMember(services.incidents, incidentId, userId, 'schedule its review');
    const viewer = { incidentId, userId, version: version ?? 0 };
    reply.inModal(view.id, (problem) => reviewStepView(deps, services, viewer, { notice: `:warning: Nobody was invited: ${escapeMrkdwn(problem)}` }));
    const meeting = await scheduleReview(services.postmortems, incidentId, userId);
    const notice = `:incoming_envelope: The invitation is posted in <#${incident.channelId}>: ${meetingWhen(meeting)}. The facilitator is reminded on the day.`;
    await showView(args.client, deps.logger, view.id, await reviewStepView(deps, services, viewer, { notice }));
  };
}
