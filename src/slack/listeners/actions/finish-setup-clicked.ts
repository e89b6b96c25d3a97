import { finishSetup } from '../../../incidents/declare-incident';
import { loadIncident } from '../../../incidents/incident-queries';
import { declaredView, declaringView, setupStoppedView } from '../../blocks/declare-result-view';
import { showView } from '../../web-api/show-view';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/** "Finish setting up" on a declaration that Slack interrupted: resumes where it stopped. */
export function finishSetupClicked(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args, reply) => {
    const viewId = args.body.view?.id ?? '';
    const user = args.body.user.id;
    const incident = await loadIncident(deps.db, buttonValue(args));
    if (incident.declaredBy === user) {
      reply.inModal(viewId, (problem) => setupStoppedView(incident, problem));
      await showView(args.client, deps.logger, viewId, declaringView(incident.title));
    }
    const ready = await finishSetup(deps.services(args.client, args.context.botUserId).incidents, incident.id, user);
    await showView(args.client, deps.logger, viewId, declaredView(ready));
  };
}
