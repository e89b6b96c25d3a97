import { incidentForMember } from '../../../incidents/require-member';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { metadataOf } from '../../parse/view-state';
import { postmortemFormView } from '../../surfaces/postmortem-form-view';
import { slackCall } from '../../web-api/slack-call';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';

/** "Back to editing" in the review: the form again, as saved. */
export function backToEditingClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const view = args.body.view;
    const { incidentId } = metadataOf<PostmortemFormMetadata>(view?.private_metadata);
    if (!view || !incidentId) return;
    const services = deps.services(args.client, args.context.botUserId);
    const incident = await incidentForMember(services.incidents, incidentId, args.body.user.id, 'write its post-mortem');
    const form = await postmortemFormView(deps, services, incident);
    await slackCall(() => args.client.views.update({ view_id: view.id, view: form }));
  };
}
