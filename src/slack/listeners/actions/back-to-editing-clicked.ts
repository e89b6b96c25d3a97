import { loadIncident } from '../../../incidents/incident-queries';
import type { PostmortemFormMetadata } from '../../blocks/postmortem-modal';
import { metadataOf } from '../../parse/view-state';
import { postmortemForm } from '../../postmortem-form';
import { slackCall } from '../../slack-errors';
import type { ListenerDeps } from '../deps';
import { type ButtonArgs, explainFailedClick } from './button-args';

/** "Back to editing" in the review: the form again, as saved. */
export function backToEditingClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const view = args.body.view;
    const { incidentId } = metadataOf<PostmortemFormMetadata>(view?.private_metadata);
    if (!view || !incidentId) return;
    try {
      const form = await postmortemForm(deps, await loadIncident(deps.db, incidentId));
      await slackCall(() => args.client.views.update({ view_id: view.id, view: form }));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
