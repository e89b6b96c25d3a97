import type { ItemIssues } from '../action-items/action-item-deps';
import { actionItem, actionItemsFor } from '../action-items/action-item-service';
import { AppError } from '../errors';
import { postmortemFor } from '../postmortems/postmortem-queries';
import type { TrackerDeps } from './tracker-deps';
import { findIssueRow, wantIssueSync } from './tracker-issues.repository';

type Deps = Pick<TrackerDeps, 'db' | 'clock' | 'logger' | 'tracker' | 'createMode' | 'requested'>;

/**
 * How action items reach the tracker. With `TRACKER_CREATE=always`, every item of a published
 * post-mortem gets an issue: the draft's items when it is published (an item may still be removed
 * while the draft is written, and the issue links to the post-mortem), later ones when they are
 * added. With `button`, an item gets one when someone asks. After that, every change to the item
 * is sent to its issue. The calls themselves happen in the background (see `syncDueIssues`).
 */
export function itemIssues(deps: Deps): ItemIssues {
  return {
    async changed(itemId) {
      if (await wantIssueSync(deps.db, itemId, deps.tracker.kind, deps.clock.now(), null)) return deps.requested?.();
      if (deps.createMode !== 'always') return;
      const item = await actionItem(deps.db, itemId);
      if (!item || !(await postmortemFor(deps.db, item.incidentId)).publishedAt) return;
      await wantIssueSync(deps.db, itemId, deps.tracker.kind, deps.clock.now(), { requestedBy: item.createdBy });
      deps.requested?.();
    },
    async published(incidentId) {
      if (deps.createMode !== 'always') return;
      for (const item of await actionItemsFor(deps.db, incidentId)) {
        // Published again: items that have their issue are left as they are (a change already asked for its sync).
        if (await findIssueRow(deps.db, item.id)) continue;
        await wantIssueSync(deps.db, item.id, deps.tracker.kind, deps.clock.now(), { requestedBy: item.createdBy });
      }
      deps.requested?.();
    },
  };
}

/**
 * **Create issue**, clicked on an item: its issue is filed in the background. Asking again
 * (a second click, another replica) files nothing more: the item has one row and one marker.
 * Returns whether the issue exists already (with its label) or was asked for now.
 */
export async function requestIssue(deps: Deps, itemId: string, userId: string): Promise<{ label: string | null }> {
  const item = await actionItem(deps.db, itemId);
  if (!item) throw new AppError('action_item_not_found', 'that action item no longer exists.');
  const existing = await findIssueRow(deps.db, itemId);
  if (existing) return { label: existing.issue_label };
  await wantIssueSync(deps.db, itemId, deps.tracker.kind, deps.clock.now(), { requestedBy: userId });
  deps.logger.info({ itemId, by: userId }, 'issue asked for');
  deps.requested?.();
  return { label: null };
}
