import type { Incident } from '../incidents/incident';
import { postmortemPath } from '../render/postmortem-markdown';

/** The post-mortem's short name: its channel's name without `inc-` (`20260512-checkout-api-returning-502s`). */
export function postmortemSlug(incident: Pick<Incident, 'channelName' | 'id'>): string {
  return incident.channelName?.replace(/^inc-/, '') ?? incident.id;
}

/** `incidents/YYYY/MM/<slug>/README.md`: where the file lives, in the upload and in the repository. */
export function postmortemFileOf(incident: Pick<Incident, 'channelName' | 'id' | 'impactStartedAt'>): string {
  return postmortemPath(postmortemSlug(incident), incident.impactStartedAt);
}

/** The same file under the repository's post-mortems folder (`POSTMORTEMS_GIT_DIR`). */
export function archivePathOf(file: string, dir: string): string {
  const inside = file.replace(/^incidents\//, '');
  return dir ? `${dir.replace(/\/+$/, '')}/${inside}` : inside;
}
