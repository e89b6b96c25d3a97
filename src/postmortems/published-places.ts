import type { Incident } from '../incidents/incident';
import { exportedPostmortemLink } from './export-postmortems';
import type { PostmortemDeps } from './postmortem-deps';
import { postmortemFor } from './postmortem-queries';
import { listPostmortemMessages } from './postmortems.repository';

/**
 * Where the published post-mortem can be read: its first message in the incident channel and its
 * file in the team's git repository, each when there is one. Nothing before it is published.
 */
export async function publishedPlaces(
  deps: PostmortemDeps,
  incident: Pick<Incident, 'id' | 'channelId'>,
): Promise<{ message: { channelId: string; ts: string } | null; fileUrl: string | null }> {
  const postmortem = await postmortemFor(deps.db, incident.id);
  if (!postmortem.publishedAt || !incident.channelId) return { message: null, fileUrl: null };
  const first = (await listPostmortemMessages(deps.db, postmortem.id, incident.channelId))[0];
  return {
    message: first ? { channelId: incident.channelId, ts: first.ts } : null,
    fileUrl: await exportedPostmortemLink(deps, incident.id),
  };
}
