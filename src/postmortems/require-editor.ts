import { AppError } from '../errors';
import type { Incident } from '../incidents/incident';
import type { PostmortemPort } from './postmortem-port';

/** Any member of the incident channel may write its post-mortem; nobody else. */
export async function requireEditor(port: PostmortemPort, incident: Incident, userId: string): Promise<void> {
  if (!incident.channelId || !(await port.isMember(incident.channelId, userId))) {
    throw new AppError('not_a_member', "only members of the incident's channel can write its post-mortem.");
  }
}
