import { AppError } from '../errors';
import type { Incident, ReadyIncident } from './incident';

/**
 * The incident once its channel exists. For work that needs the channel but has no person to
 * check (a background refresh, a change whose actor was checked already); people go through
 * `requireMember`, which also proves the channel exists.
 */
export function requireReady(incident: Incident): ReadyIncident {
  const { channelId } = incident;
  if (!channelId) throw new AppError('incident_not_ready', 'that incident is still being set up. Try again in a moment.');
  return { ...incident, channelId };
}
