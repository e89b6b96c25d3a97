import { runWithPriority } from '../work-priority';
import { actionItemsFor } from '../action-items/action-item-service';
import { toStoredInstant } from '../db/instant';
import { markPostmortemPublished } from '../incidents/change-incident';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import { isClosed } from '../incidents/status';
import { postmortemMarkdown } from '../render/postmortem-markdown';
import { buildDocument } from './build-document';
import { requestExport } from './export-postmortems';
import type { PostmortemDocument } from '../render/postmortem-document';
import { notesForAuthor } from './draft-state';
import { phaseChartPathBeside, phaseChartPng } from './phase-chart-png';
import { PHASE_CHART_FILE } from '../render/phase-chart';
import { closeAccounts, reopenAccounts, tellAccountsClosed } from '../accounts/close-accounts';
import { type BlamelessNote, MIN_CAUSES, type Postmortem, causeCount } from './postmortem';
import type { PostmortemDeps } from './postmortem-deps';
import { postmortemFor } from './postmortem-queries';
import { PartlyShownError, type ShowOptions } from './postmortem-port';
import { claimPublishLease, extendPublishLease, listPostmortemMessages, replacePostmortemMessages, updatePostmortem } from './postmortems.repository';
import { incidentForMember } from '../incidents/require-member';
import { requireReady } from '../incidents/require-ready';

export type PublishOutcome =
  /** Something must be fixed before it can be published. */
  | { kind: 'blocked'; problems: string[] }
  /** The blameless review found wording to look at; publish again with `acceptNotes` to go ahead. */
  | { kind: 'notes'; notes: BlamelessNote[] }
  | { kind: 'published'; channels: string[]; messages: number; path: string; fileLink: string | null };

/** What stops a post-mortem from being published, in words for its author. */
export function publishProblems(incident: Incident, postmortem: Postmortem): string[] {
  const problems: string[] = [];
  if (!postmortem.id) problems.push('Write the post-mortem and save it first.');
  if (!isClosed(incident.status)) problems.push('Resolve the incident before publishing its post-mortem.');
  if (!postmortem.content.summary.trim()) problems.push('Write a summary: what happened and why.');
  const causes = causeCount(postmortem.content);
  if (causes < MIN_CAUSES) {
    problems.push(
      `No incident has a single cause. List at least ${MIN_CAUSES} across "avoid", "detect sooner" and "fix faster" (there ${causes === 1 ? 'is 1' : `are ${causes}`}).`,
    );
  }
  return problems;
}

/** What stands between the saved draft and publishing: problems that block it, and blameless notes. */
export interface PostmortemReview {
  problems: string[];
  /** Notes on the draft: publishing over them is a conscious choice. */
  notes: BlamelessNote[];
  /** Notes on participants' accounts: for the author to know, never in the way of publishing. */
  accountNotes: BlamelessNote[];
}

export async function reviewPostmortem(deps: Pick<PostmortemDeps, 'db' | 'port'>, incidentId: string): Promise<PostmortemReview> {
  const incident = await loadIncident(deps.db, incidentId);
  const postmortem = await postmortemFor(deps.db, incidentId);
  const problems = publishProblems(incident, postmortem);
  if (problems.length) return { problems, notes: [], accountNotes: [] };
  const notes = await notesForAuthor(deps, incidentId);
  return { problems, notes: notes.draft, accountNotes: notes.accounts };
}

/**
 * How long a publish holds the lease without showing progress. It is extended after every
 * message, so only a publish stalled this long (its replica gone) can be taken over.
 */
export const PUBLISH_LEASE_MS = 5 * 60_000;

/**
 * Publishes the post-mortem in the incident channel and the post-mortems channel (never for a
 * private incident), as Block Kit messages and a Markdown file. Publishing again edits the same
 * messages. Blameless notes stop it unless the author accepts them; only notes they reviewed
 * (the draft at `reviewedVersion`) can be accepted, and what they accepted is kept.
 */
export async function publishPostmortem(
  deps: PostmortemDeps,
  incidentId: string,
  userId: string,
  options: { acceptNotes: boolean; reviewedVersion: number },
): Promise<PublishOutcome> {
  const incident = await incidentForMember(deps, incidentId, userId, 'write its post-mortem');
  const postmortem = await postmortemFor(deps.db, incidentId);
  const problems = publishProblems(incident, postmortem);
  if (postmortem.id && postmortem.version !== options.reviewedVersion) {
    problems.push('Someone saved the post-mortem after you reviewed it. Review it again before publishing.');
  }
  if (problems.length > 0) return { kind: 'blocked', problems };

  const actionItems = await actionItemsFor(deps.db, incidentId);
  const notes = (await notesForAuthor(deps, incidentId)).draft;
  if (notes.length > 0 && !options.acceptNotes) return { kind: 'notes', notes };

  const now = deps.clock.now();
  const leased = await claimPublishLease(deps.db, postmortem.id, toStoredInstant(now), toStoredInstant(new Date(now.getTime() + PUBLISH_LEASE_MS)));
  if (!leased) return { kind: 'blocked', problems: ['Someone is publishing this post-mortem right now. Try again in a minute.'] };
  let published = incident.status === 'postmortem_published';
  try {
    // Accounts are closed first: the document then holds every account anyone was told is saved.
    await closeAccounts(deps.accounts, incidentId);
    const doc = await buildDocument(deps, incident, { ...postmortem, publishedAt: now, publishedBy: userId }, actionItems);
    const channels = [incident.channelId];
    if (deps.policy.channel && !incident.isPrivate) channels.push(deps.policy.channel);
    // Publishing again edits every message, so one somebody deleted comes back.
    const show: ShowOptions = {
      editUnchanged: true,
      afterEach: () => extendPublishLease(deps.db, postmortem.id, toStoredInstant(new Date(deps.clock.now().getTime() + PUBLISH_LEASE_MS))),
    };
    // Both channels at once: Slack paces posts per channel, so the second need not wait for the first.
    // The pages are background work: clicks made meanwhile, by anyone, go ahead of them.
    const results = await runWithPriority('background', () => Promise.allSettled(channels.map((channel) => showIn(deps, postmortem.id, channel, doc, show))));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    const messages = results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value : 0), 0);
    await deps.port.shareFile(channels, { filename: 'README.md', title: doc.path, content: postmortemMarkdown(doc) });
    // The incident at a glance, after the Markdown (which names people first, so roles match); publishing goes on without it.
    const chart = await phaseChartPng(doc).catch((err: unknown) => void deps.logger.warn({ err, incidentId }, 'could not draw the phase chart'));
    if (chart) await deps.port.shareFile(channels, { filename: PHASE_CHART_FILE, title: phaseChartPathBeside(doc.path), content: chart });
    await updatePostmortem(deps.db, postmortem.id, {
      published_at: toStoredInstant(now),
      published_by: userId,
      overridden_notes: JSON.stringify(mergeNotes(postmortem.overriddenNotes, notes)),
    });
    await markPostmortemPublished(deps.incidents, incidentId, userId);
    published = true;
    // Each participant's request is edited to say it is closed: one chat.update each, paced by
    // Slack's budget, which the publisher need not wait for. Their accounts are closed already.
    void runWithPriority('background', () => tellAccountsClosed(deps.accounts, incidentId)).catch((err: unknown) =>
      deps.logger.warn({ err, incidentId }, 'could not tell every participant that accounts are closed'),
    );
    await requestExport(deps, incident, userId);
    await deps.issues?.published(incidentId).catch((err: unknown) => deps.logger.warn({ err, incidentId }, 'could not ask for the action items\' issues'));
    deps.logger.info({ incidentId, messages, overridden: notes.length }, 'post-mortem published');
    return { kind: 'published', channels, messages, path: doc.path, fileLink: doc.fileLink };
  } catch (error) {
    if (!published) await reopenAccounts(deps.accounts, incidentId).catch((err: unknown) => deps.logger.warn({ err, incidentId }, 'could not reopen accounts'));
    throw error;
  } finally {
    await updatePostmortem(deps.db, postmortem.id, { publish_lease_until: null });
  }
}

/**
 * Brings a published post-mortem's messages up to date (an action item was done, say) without
 * publishing anew: same messages, no new file, no change of status, and only the messages whose
 * content changed are edited. Does nothing before publishing.
 */
export async function refreshPublishedPostmortem(deps: PostmortemDeps, incidentId: string): Promise<void> {
  const postmortem = await postmortemFor(deps.db, incidentId);
  if (!postmortem.publishedAt) return;
  const incident = requireReady(await loadIncident(deps.db, incidentId));
  const doc = await buildDocument(deps, incident, postmortem, await actionItemsFor(deps.db, incidentId));
  const channels = [incident.channelId];
  if (deps.policy.channel && !incident.isPrivate) channels.push(deps.policy.channel);
  for (const channel of channels) {
    if ((await listPostmortemMessages(deps.db, postmortem.id, channel)).length > 0) await showIn(deps, postmortem.id, channel, doc, { editUnchanged: false });
  }
  // The file in the repository follows the messages: always the current post-mortem.
  await requestExport(deps, incident, null);
}

/** Shows the document in one channel, remembering its messages even when Slack stops part-way. */
async function showIn(deps: PostmortemDeps, postmortemId: string, channel: string, doc: PostmortemDocument, options: ShowOptions): Promise<number> {
  const existing = await listPostmortemMessages(deps.db, postmortemId, channel);
  try {
    const shown = await deps.port.showPostmortem(channel, doc, existing, options);
    await replacePostmortemMessages(deps.db, postmortemId, channel, shown);
    return shown.length;
  } catch (error) {
    if (error instanceof PartlyShownError) {
      await replacePostmortemMessages(deps.db, postmortemId, channel, error.shown);
      throw error.cause;
    }
    throw error;
  }
}

/** Every override ever published over, once each: a later publish without notes keeps the record. */
function mergeNotes(before: BlamelessNote[], now: BlamelessNote[]): BlamelessNote[] {
  const seen = new Set(before.map((n) => `${n.where}\n${n.quote}`));
  return [...before, ...now.filter((n) => !seen.has(`${n.where}\n${n.quote}`))];
}
