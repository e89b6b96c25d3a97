import type { Incident } from '../incidents/incident';
import type { PostmortemDeps } from './postmortem-deps';
import { archivePathOf, postmortemFileOf } from './postmortem-file';

/** Whether the incident's post-mortem belongs in the team's repository (private ones only when allowed). */
export function archived(deps: PostmortemDeps, incident: Pick<Incident, 'isPrivate'>): boolean {
  return Boolean(deps.archive) && (!incident.isPrivate || Boolean(deps.archive?.policy.includePrivate));
}

/** Where the published post-mortem's file is (or will be) in the repository, for its messages and its card. */
export function archiveLinkOf(deps: PostmortemDeps, incident: Incident): string | null {
  if (!deps.archive || !archived(deps, incident)) return null;
  return deps.archive.store.linkTo(archivePathOf(postmortemFileOf(incident), deps.archive.policy.dir));
}
