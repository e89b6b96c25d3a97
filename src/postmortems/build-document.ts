import { mentionedUsers } from '../mrkdwn/mention';
import { roleNamer } from '../mrkdwn/plain-text';
import type { Incident } from '../incidents/incident';
import type { PostmortemDocument } from '../render/postmortem-document';
import { timelineFor } from '../timeline/timeline-queries';
import { incidentMetrics } from './incident-metrics';
import type { Postmortem } from './postmortem';
import type { PostmortemDeps } from './postmortem-deps';
import { postmortemFileOf } from './postmortem-file';
import { archiveLinkOf } from './archive-link';

/** Everything the published post-mortem shows, as of now. */
export async function buildDocument(deps: PostmortemDeps, incident: Incident, postmortem: Postmortem, actionItems: PostmortemDocument['actionItems']) {
  // The document does not list its own publishing: publishing would otherwise change what it shows.
  const timeline = (await timelineFor(deps.db, incident.id)).filter((e) => !(e.kind === 'system' && e.change === 'postmortem_published'));
  return {
    incident,
    postmortem,
    timeline,
    actionItems,
    metrics: incidentMetrics(incident),
    person: await personNamer(deps, incident, postmortem, timeline, actionItems),
    path: postmortemFileOf(incident),
    fileLink: archiveLinkOf(deps, incident),
  } satisfies PostmortemDocument;
}

/** Names for everyone the document mentions, or roles when it is anonymised. */
async function personNamer(
  deps: PostmortemDeps,
  incident: Incident,
  postmortem: Postmortem,
  timeline: PostmortemDocument['timeline'],
  actionItems: PostmortemDocument['actionItems'],
): Promise<PostmortemDocument['person']> {
  if (postmortem.content.anonymise) {
    const role = roleNamer(incident.commanderId);
    return (id) => (id ? role(id) : 'Someone');
  }
  const ids = new Set<string>([incident.declaredBy, ...postmortem.authorIds]);
  if (incident.commanderId) ids.add(incident.commanderId);
  if (postmortem.content.facilitatorId) ids.add(postmortem.content.facilitatorId);
  for (const item of actionItems) ids.add(item.ownerId);
  for (const entry of timeline) {
    if (entry.actorId) ids.add(entry.actorId);
    if (entry.kind === 'message') {
      if (entry.authorId) ids.add(entry.authorId);
      for (const id of mentionedUsers(entry.text)) ids.add(id);
    }
    if (entry.kind === 'system' && entry.change === 'commander') {
      if (entry.oldValue) ids.add(entry.oldValue);
      if (entry.newValue) ids.add(entry.newValue);
    }
  }
  const names = await deps.port.displayNames([...ids]);
  return (id) => (id ? (names.get(id) ?? id) : 'Someone');
}
