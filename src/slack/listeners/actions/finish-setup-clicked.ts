import type { ModalView } from '@slack/types';
import { finishSetup } from '../../../incidents/declare-incident';
import { loadIncident } from '../../../incidents/incident-queries';
import { declaredView, declaringView, setupStoppedView } from '../../blocks/declare-result-view';
import { describeError } from '../../reply-error';
import { slackCall } from '../../slack-errors';
import { type ListenerDeps, incidentDeps } from '../deps';
import type { ButtonArgs } from './button-args';

/** "Finish setting up" on a declaration that Slack interrupted: resumes where it stopped. */
export function finishSetupClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const viewId = args.body.view?.id ?? '';
    const show = (view: ModalView) =>
      slackCall(() => args.client.views.update({ view_id: viewId, view })).catch((err: unknown) =>
        deps.logger.warn({ err, viewId }, 'could not show the set-up result'),
      );
    const incidentId = args.action.value ?? '';
    try {
      const incident = await loadIncident(deps.db, incidentId);
      await show(declaringView(incident.title));
      await show(declaredView(await finishSetup(incidentDeps(deps, args.client, args.context.botUserId), incidentId)));
    } catch (error) {
      const problem = describeError(error, deps.logger, { action: 'finish_setup', incidentId });
      const incident = await loadIncident(deps.db, incidentId).catch(() => undefined);
      if (incident) await show(setupStoppedView(incident, problem));
    }
  };
}
