import { actionItem, actionItemWithMessages, linkItemIssue } from '../action-items/action-item-service';
import type { ActionItem } from '../action-items/action-item';
import { toStoredInstant } from '../db/instant';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import { issueContent } from './issue-content';
import { issueStateOf } from './issue-state';
import { type Tracker, type TrackerIssue, itemMarker } from './tracker';
import { applyIssueChange } from './apply-issue-change';
import type { TrackerDeps } from './tracker-deps';
import { TrackerError } from './tracker-error';
import {
  type TrackerIssueRow,
  claimFailureNotice,
  claimUnassignedNotice,
  markCreateTried,
  claimIssueSync,
  deleteIssueRow,
  dueIssueSyncs,
  markIssueSyncFailed,
  markIssueSynced,
  recordIssueKey,
} from './tracker-issues.repository';

/** Rows looked at per pass. */
const BATCH = 25;
/** Longer than a sync takes (each call times out sooner); a dead process's rows wait this long. */
export const SYNC_LEASE_MS = 2 * 60_000;
/** Retries after a failure that may pass: 30 s, 2 min, 10 min, 30 min, then every hour. */
const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000];
/** A refusal that will not pass by itself (bad token, missing project) is tried again this much later, in case the set-up was fixed. */
const PERMANENT_RETRY_MS = 6 * 3_600_000;
/** How far before the row was made a lost create is looked for: clocks differ between the bot and the tracker. */
const MARKER_LOOKBACK_MS = 10 * 60_000;

/**
 * Brings every item whose issue is behind in step with the tracker, one process per item. Returns
 * how many were synced. Nothing here blocks Slack: a failing tracker only delays its issues.
 */
export async function syncDueIssues(deps: TrackerDeps): Promise<number> {
  const now = deps.clock.now();
  if (deps.gate.waitMs(now.getTime()) > 0) return 0;
  let synced = 0;
  for (const due of await dueIssueSyncs(deps.db, toStoredInstant(now), BATCH)) {
    if (deps.gate.waitMs(deps.clock.now().getTime()) > 0) break;
    const heldUntil = toStoredInstant(new Date(deps.clock.now().getTime() + SYNC_LEASE_MS));
    const claimed = await claimIssueSync(deps.db, due.item_id, toStoredInstant(deps.clock.now()), heldUntil);
    if (!claimed) continue;
    if (await syncOne(deps, claimed, heldUntil)) synced += 1;
  }
  return synced;
}

async function syncOne(deps: TrackerDeps, row: TrackerIssueRow, heldUntil: string): Promise<boolean> {
  const { tracker } = deps;
  const log = deps.logger.child({ itemId: row.item_id, tracker: tracker.kind, issue: row.issue_key });
  try {
    let item = await actionItem(deps.db, row.item_id);
    if (!item) return await closeForRemovedItem(deps, row);
    const incident = await loadIncident(deps.db, item.incidentId);
    const ownerAccount = await tracker.accountFor({ slackUserId: item.ownerId, email: await deps.port.emailOf(item.ownerId) });
    const content = issueContent({
      item,
      incident,
      ownerName: await deps.port.nameOf(item.ownerId),
      ownerAccount,
      trackerName: tracker.name,
      links: await issueLinks(deps, incident),
    });
    let issue: TrackerIssue;
    let last = { assignee: row.issue_assignee, dueDate: row.issue_due_date, owner: row.issue_owner };
    if (!row.issue_key) {
      // A create whose answer was lost (or a crash before it was recorded) left the issue there: find it first.
      const since = new Date(Date.parse(row.created_at) - MARKER_LOOKBACK_MS);
      // Only a create that may have happened is looked for: a first try files at once, with no search per item.
      const found = row.create_tried_at ? await tracker.findByMarker(itemMarker(item.id), since) : undefined;
      if (!found) await markCreateTried(deps.db, item.id, deps.clock.now());
      issue = found ?? (await tracker.create(content));
      // A new issue says what the item says; one found again may have been filed from an older version of it.
      if (!found) last = { assignee: content.assignee, dueDate: item.dueDate, owner: item.ownerId };
      await recordIssueKey(deps.db, item.id, issue, deps.clock.now());
    } else {
      issue = await tracker.get(row.issue_key);
      // Changed in the tracker since the last sync, and its webhook not handled yet: the item follows it first.
      if (issue.state !== row.issue_state && (await applyIssueChange(deps, { issue, actorName: null, byBot: false })) !== 'unchanged') {
        item = (await actionItem(deps.db, row.item_id)) ?? item;
      }
    }
    // Filed now, or earlier by a create whose answer was lost and whose webhook recorded the key: the item shows it from now on.
    if (item.issue?.url !== issue.url) {
      await linkItemIssue(deps.db, item.id, { label: issue.label, url: issue.url });
      log.info({ issue: issue.label }, 'action item filed in the tracker');
      await showIssue(deps, item.id, incident).catch((err: unknown) => log.warn({ err }, 'could not show the issue on the item'));
    }
    issue = await bringInStep(deps, tracker, issue, item, content, last);
    await markIssueSynced(deps.db, item.id, row.wanted_version, { state: issue.state, assignee: ownerAccount, dueDate: item.dueDate, owner: item.ownerId }, deps.clock.now(), heldUntil);
    if (!ownerAccount && (await claimUnassignedNotice(deps.db, item.id, item.ownerId))) {
      await deps.port
        .tellOwner(item, incident, `No ${tracker.name} account matches your Slack email, so ${issue.label} is not assigned to you there: assign it by hand (or ask for your account to be mapped).`)
        .catch((err: unknown) => log.warn({ err }, 'could not tell the owner'));
    }
    return true;
  } catch (error) {
    await failed(deps, row, error, heldUntil, log);
    return false;
  }
}

/**
 * Makes the issue say what the item says: its state (closed with a comment saying who did what in
 * Slack, or reopened), its assignee and its due date. Only what the bot changed since its last
 * sync is sent, so a change made in the tracker to anything else is left alone.
 */
async function bringInStep(
  deps: TrackerDeps,
  tracker: Tracker,
  issue: TrackerIssue,
  item: ActionItem,
  content: ReturnType<typeof issueContent>,
  last: { assignee: string | null; dueDate: string | null; owner: string | null },
): Promise<TrackerIssue> {
  let current = issue;
  if (content.assignee !== last.assignee || item.dueDate !== last.dueDate || item.ownerId !== last.owner) {
    current = await tracker.update(current.key, { assignee: content.assignee, dueDate: item.dueDate, content });
  }
  const wanted = issueStateOf(item.status);
  if (wanted !== current.state) {
    const who = item.statusChangedBy ? ((await deps.port.nameOf(item.statusChangedBy)) ?? 'someone') : 'someone';
    if (wanted === 'open') current = await tracker.reopen(current.key, reopenComment(item, who));
    else current = await tracker.close(current.key, wanted, closeComment(item, who));
  }
  return current;
}

function closeComment(item: ActionItem, who: string): string {
  if (item.status === 'done') return `Marked done in Slack by ${who}.`;
  return `Closed in Slack by ${who}: won't do. ${item.statusReason ?? ''}`.trim();
}

function reopenComment(item: ActionItem, who: string): string {
  return item.verificationNote ? `Reopened in Slack by ${who}. ${item.verificationNote}` : `Reopened in Slack by ${who}.`;
}

/** Links back from the issue: the incident channel (from its card's permalink), the post-mortem in Slack and in git. */
async function issueLinks(deps: TrackerDeps, incident: Incident): Promise<{ channel: string | null; postmortem: string | null; file: string | null }> {
  const places = await deps.postmortemPlaces(incident);
  const card = incident.channelId && incident.cardTs ? await deps.port.permalink(incident.channelId, incident.cardTs) : null;
  return {
    // A message's permalink without the message is its channel's address.
    channel: card ? card.replace(/\/p\d+(\?.*)?$/, '') : null,
    postmortem: places.message ? await deps.port.permalink(places.message.channelId, places.message.ts) : null,
    file: places.fileUrl,
  };
}

/** The item was removed from the post-mortem: its issue is closed as not planned, and the row goes. */
async function closeForRemovedItem(deps: TrackerDeps, row: TrackerIssueRow): Promise<boolean> {
  if (row.issue_key && row.issue_state !== 'not_planned') {
    await deps.tracker.close(row.issue_key, 'not_planned', 'This action item was removed from its post-mortem in Slack.');
  }
  await deleteIssueRow(deps.db, row.item_id);
  return true;
}

async function showIssue(deps: TrackerDeps, itemId: string, incident: Incident): Promise<void> {
  const found = await actionItemWithMessages(deps.db, itemId);
  if (!found) return;
  await deps.port.showIssue(found.item, incident, found.dmMessages);
  await deps.published.refresh(incident.id);
}

async function failed(deps: TrackerDeps, row: TrackerIssueRow, error: unknown, heldUntil: string, log: TrackerDeps['logger']): Promise<void> {
  const now = deps.clock.now().getTime();
  const failure = error instanceof TrackerError ? error.failure : 'retry';
  const retryAfter = error instanceof TrackerError ? (error.details.retryAfterMs ?? 0) : 0;
  if (failure === 'rate_limited') deps.gate.pause(retryAfter, now);
  const retryAt = (attempts: number) =>
    new Date(now + (failure === 'permanent' ? PERMANENT_RETRY_MS : Math.max(retryAfter, RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? 0)));
  const reason = error instanceof Error ? error.message : String(error);
  const attempts = await markIssueSyncFailed(deps.db, row.item_id, reason, retryAt, deps.clock.now(), heldUntil);
  log.warn({ err: error, attempts, failure }, failure === 'permanent' ? 'the tracker refused the action item; its owner is told' : 'the tracker did not answer; will retry');
  if (failure !== 'permanent') return;
  if (!(await claimFailureNotice(deps.db, row.item_id, deps.clock.now()))) return;
  const item = await actionItem(deps.db, row.item_id);
  if (!item) return;
  const incident = await loadIncident(deps.db, item.incidentId);
  const what = row.issue_key ? `update ${row.issue_label ?? 'its issue'}` : 'file an issue';
  await deps.port
    .tellOwner(item, incident, `${deps.tracker.name} refused to ${what} for this action item: ${reason}. The item itself is fine; the bot tries again later and when the item changes.`)
    .catch((err: unknown) => log.warn({ err }, 'could not tell the owner'));
}
