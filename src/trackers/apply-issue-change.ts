import { closeFromTracker, reopenItem } from '../action-items/change-item-status';
import { actionItem } from '../action-items/action-item-service';
import { itemChangeFromIssue, issueStateOf } from './issue-state';
import { type IssueChange, type IssueState, itemIdOfMarker } from './tracker';
import type { TrackerDeps } from './tracker-deps';
import { findIssueRow, findIssueRowByKey, recordIssueKey, recordIssueState } from './tracker-issues.repository';

export type IssueChangeOutcome = 'closed' | 'reopened' | 'unchanged' | 'unknown';

/**
 * Applies a change reported by the tracker (a webhook or the poll) to the item its issue belongs
 * to: closed there → done (or won't do for "not planned"), reopened there → open again. The bot's
 * own changes coming back change nothing: they carry its account, and their state is the one the
 * bot recorded. A state changed in Slack and not yet sent wins over the tracker's.
 * Each change is applied once across replicas: closing or reopening is conditional on the item's
 * state, and only the process that changed the item tells the channel.
 */
export async function applyIssueChange(deps: TrackerDeps, change: IssueChange): Promise<IssueChangeOutcome> {
  const { issue } = change;
  const markedItem = itemIdOfMarker(issue.marker);
  const row =
    (await findIssueRowByKey(deps.db, deps.tracker.kind, issue.key)) ??
    // The create's answer was lost, and the webhook came before the sync found the issue again.
    (markedItem ? await findIssueRow(deps.db, markedItem) : undefined);
  if (!row || row.tracker !== deps.tracker.kind) return 'unknown';
  // Another issue carrying the item's marker (a person copied the body) is not the item's issue.
  if (row.issue_key !== null && row.issue_key !== issue.key) return 'unknown';
  if (!row.issue_key) await recordIssueKey(deps.db, row.item_id, issue, deps.clock.now());
  if (change.byBot) return 'unchanged';
  const item = await actionItem(deps.db, row.item_id);
  if (!item) return 'unknown';
  const known = row.issue_state as IssueState | null;
  // The item says so already (a report repeated, or one whose record a crash cut short): only remember it.
  if (issueStateOf(item.status) === issue.state) {
    if (known !== issue.state) await recordIssueState(deps.db, row.item_id, known, issue.state, deps.clock.now());
    return 'unchanged';
  }
  // Slack changed the item's state since the last sync: that change is on its way to the tracker and wins.
  if (known !== null && issueStateOf(item.status) !== known) return 'unchanged';
  const what = itemChangeFromIssue(issue.state, known, item);
  const by = change.actorName ? ` by ${change.actorName}` : '';
  const where = `${deps.tracker.name}${by}`;
  let outcome: IssueChangeOutcome = 'unchanged';
  if (what.kind === 'close') {
    const reason = what.status === 'wont_do' ? `Closed as not planned in ${where} (${issue.label}).` : null;
    const closed = await closeFromTracker(deps, item.id, what.status, reason);
    if (closed) {
      outcome = 'closed';
      const line = what.status === 'done' ? `closed in ${where}: marked done` : `closed as not planned in ${where}: won't do`;
      await tell(deps, closed, `${line} (${issue.label})`);
    }
  } else if (what.kind === 'reopen') {
    const reopened = await reopenItem(deps, item.id, { tracker: deps.tracker.name, name: change.actorName });
    if (reopened) {
      outcome = 'reopened';
      await tell(deps, reopened, `reopened in ${where} (${issue.label})`);
    }
  }
  await recordIssueState(deps.db, row.item_id, known, issue.state, deps.clock.now());
  return outcome;
}

async function tell(deps: TrackerDeps, change: NonNullable<Awaited<ReturnType<typeof closeFromTracker>>>, line: string): Promise<void> {
  const log = deps.logger.child({ itemId: change.item.id });
  log.info({ line }, 'action item changed in the tracker');
  await deps.port.showTrackerChange(change.item, change.incident, change.dmMessages, line).catch((err: unknown) => log.warn({ err }, 'could not show the change in Slack'));
  await deps.published.refresh(change.incident.id).catch((err: unknown) => log.warn({ err }, 'could not update the published post-mortem'));
}
