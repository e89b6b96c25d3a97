import { actionItemsFor } from '../action-items/action-item-service';
import { incidentForMember } from '../incidents/require-member';
import { PHASE_CHART_FILE } from '../render/phase-chart';
import { buildDocument } from './build-document';
import type { PostmortemDeps } from './postmortem-deps';
import { phaseChartPng } from './phase-chart-png';
import { postmortemFor } from './postmortem-queries';

/**
 * Sends a member of the incident's channel the phase chart as it stands now, privately: while the
 * incident runs it ends at the clock's now, its current phase marked "so far". Drawn from the same
 * document the post-mortem would publish (the draft's choice to anonymise included).
 */
export async function sendPhaseChart(deps: PostmortemDeps, incidentId: string, userId: string): Promise<void> {
  const incident = await incidentForMember(deps, incidentId, userId, 'see its phase chart');
  const doc = await buildDocument(deps, incident, await postmortemFor(deps.db, incidentId), await actionItemsFor(deps.db, incidentId));
  const now = deps.clock.now();
  const content = await phaseChartPng(doc, incident.resolvedAt ? {} : { until: now });
  const asOf = now.toISOString().slice(0, 16).replace('T', ' ');
  const of = incident.channelName ? ` of #${incident.channelName}` : '';
  await deps.port.sendFile(userId, { filename: PHASE_CHART_FILE, title: `Phase chart${of}, ${asOf} UTC`, content, comment: `The phase chart${of} as of ${asOf} UTC.` });
}
