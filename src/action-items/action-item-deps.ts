import type { ReminderDeps } from './send-due-reminders';

/** The published post-mortem, as action items need it: shown again when an item closes. */
export interface PublishedPostmortems {
  /** Brings the incident's published post-mortem up to date; nothing before it is published. */
  refresh(incidentId: string): Promise<void>;
}

/** What changing an action item's state needs: the reminders' world and the published post-mortem. */
export interface ActionItemDeps extends ReminderDeps {
  published: PublishedPostmortems;
}
