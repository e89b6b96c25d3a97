import { mentionedUsers } from '../mrkdwn/mention';
import { roleNamer } from '../mrkdwn/plain-text';
import type { Incident } from '../incidents/incident';
import type { DocumentEntry, PostmortemDocument, RecalledEntry } from '../render/postmortem-document';
import { timelineFor } from '../timeline/timeline-queries';
import type { Account } from '../accounts/account';
import { accountLabels, writtenInOrder } from '../accounts/account-labels';
import { accountsOf } from '../accounts/account-queries';
import { answersInUtc, recalledMoments } from '../accounts/recalled-moments';
import { incidentMetrics } from './incident-metrics';
import type { Postmortem } from './postmortem';
import type { PostmortemDeps } from './postmortem-deps';
import { postmortemFileOf } from './postmortem-file';
import { archiveLinkOf } from './archive-link';
import { findReviewMeeting, toReviewMeeting } from './review-meetings.repository';

/** Everything the published post-mortem shows, as of now. */
export async function buildDocument(deps: PostmortemDeps, incident: Incident, postmortem: Postmortem, actionItems: PostmortemDocument['actionItems']) {
  // The document does not list its own publishing: publishing would otherwise change what it shows.
  const captured = (await timelineFor(deps.db, incident.id)).filter((e) => !(e.kind === 'system' && e.change === 'postmortem_published'));
  const accounts = writtenInOrder(await accountsOf(deps.db, incident.id));
  const meetingRow = await findReviewMeeting(deps.db, incident.id);
  const meeting = meetingRow ? toReviewMeeting(meetingRow) : null;
  const person = await personNamer(deps, incident, postmortem, captured, actionItems, accounts, meeting?.inviteeIds ?? []);
  // Accounts are signed before anything else is named, so their roles are the same in every rendering.
  const labels = postmortem.content.anonymise
    ? accountLabels(accounts, (id) => person(id), (key) => person(key))
    : accountLabels(accounts, (id) => person(id));
  const until = incident.resolvedAt ?? deps.clock.now();
  const zoneOf = (account: Account) => account.timeZone ?? deps.reminderPolicy.defaultTimeZone;
  const recalled: RecalledEntry[] = accounts.flatMap((account) =>
    recalledMoments(account.answers, zoneOf(account), { from: incident.impactStartedAt, until }).map((moment) => ({
      kind: 'recalled' as const,
      occurredAt: moment.at,
      label: labels.get(account.userId) as string,
      text: moment.text,
    })),
  );
  return {
    incident,
    postmortem,
    timeline: mergeByTime(captured, recalled),
    perspectives: accounts.map((account) => ({ label: labels.get(account.userId) as string, answers: answersInUtc(account.answers, zoneOf(account), until) })),
    meeting: meeting && { startsAt: meeting.startsAt, timeZone: meeting.timeZone, facilitatorId: meeting.facilitatorId, inviteeIds: meeting.inviteeIds },
    actionItems,
    metrics: incidentMetrics(incident),
    person,
    path: postmortemFileOf(incident),
    fileLink: archiveLinkOf(deps, incident),
    related: (await deps.relatedIncidents?.(incident.id, postmortem.content.relatedIncidentIds ?? [])) ?? [],
  } satisfies PostmortemDocument;
}

/** Recalled moments among the captured entries, in time order; at the same instant, what was captured comes first. */
function mergeByTime(captured: DocumentEntry[], recalled: RecalledEntry[]): DocumentEntry[] {
  if (recalled.length === 0) return captured;
  return [...captured, ...recalled]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.occurredAt.getTime() - b.entry.occurredAt.getTime() || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Names for everyone the document mentions, or roles when it is anonymised. */
async function personNamer(
  deps: PostmortemDeps,
  incident: Incident,
  postmortem: Postmortem,
  timeline: PostmortemDocument['timeline'],
  actionItems: PostmortemDocument['actionItems'],
  accounts: Account[],
  invitees: string[],
): Promise<PostmortemDocument['person']> {
  if (postmortem.content.anonymise) {
    const role = roleNamer(incident.commanderId);
    return (id) => (id ? role(id) : 'Someone');
  }
  const ids = new Set<string>([incident.declaredBy, ...postmortem.authorIds, ...invitees]);
  if (incident.commanderId) ids.add(incident.commanderId);
  if (postmortem.content.facilitatorId) ids.add(postmortem.content.facilitatorId);
  for (const item of actionItems) ids.add(item.ownerId);
  for (const account of accounts) if (!account.anonymous) ids.add(account.userId);
  for (const entry of timeline) {
    if (entry.kind === 'recalled') continue;
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
