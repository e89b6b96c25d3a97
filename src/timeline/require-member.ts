import { AppError } from '../errors';
import type { Incident } from '../incidents/incident';
import type { TimelineDeps } from './timeline-deps';

/** Only members of an incident's channel may write its timeline. */
export async function requireMember(deps: Pick<TimelineDeps, 'port'>, incident: Incident, userId: string): Promise<void> {
  if (!incident.channelId || !(await deps.port.isMember(incident.channelId, userId))) {
    throw new AppError('not_a_member', "only members of the incident's channel can change its timeline.");
  }
}
