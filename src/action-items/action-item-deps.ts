import type { ReminderDeps } from './send-due-reminders';

/** The published post-mortem, as action items need it: shown again when an item closes. */
export interface PublishedPostmortems {
  /** Brings the incident's published post-mortem up to date; nothing before it is published. */
  refresh(incidentId: string): Promise<void>;
}

/** The items' issues in the team's tracker, as action items need them: told of every change to keep in step. */
export interface ItemIssues {
  /** The item changed (done, won't do, reopened, reassigned, re-dated): its issue is brought in step in the background. */
  changed(itemId: string): Promise<void>;
  /** The incident's post-mortem was published: its items get their issues (when every item gets one). */
  published(incidentId: string): Promise<void>;
}

/** What changing an action item's state needs: the reminders' world, the published post-mortem and the tracker. */
export interface ActionItemDeps extends ReminderDeps {
  published: PublishedPostmortems;
  /** Unset when no tracker is configured. */
  issues?: ItemIssues;
}
