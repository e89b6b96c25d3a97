import type { Generated } from 'kysely';
import type { StoredInstant } from '../db/instant';

/** One action item's issue in the tracker: the outbox of calls to make it match the item (see the migration). */
export interface TrackerIssuesTable {
  item_id: string;
  tracker: string;
  issue_key: string | null;
  issue_label: string | null;
  issue_url: string | null;
  /** What the bot last knew the issue to be (`IssueState`): a webhook saying the same is the bot's own change. */
  issue_state: string | null;
  issue_assignee: string | null;
  issue_due_date: string | null;
  /** The Slack owner the issue's body names, as last written. */
  issue_owner: string | null;
  wanted_version: number;
  synced_version: Generated<number>;
  requested_by: string | null;
  /** When a create was last sent: a later try looks for the issue by its marker first. */
  create_tried_at: StoredInstant | null;
  /** The owner told that no tracker account matches theirs (told once per owner). */
  unassigned_told_owner: string | null;
  lease_until: StoredInstant | null;
  attempts: Generated<number>;
  retry_at: StoredInstant | null;
  last_error: string | null;
  failure_told_at: StoredInstant | null;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}

/** How far the poll for missed webhooks has read. */
export interface TrackerPollsTable {
  tracker: string;
  polled_until: StoredInstant | null;
  next_poll_at: StoredInstant | null;
  lease_until: StoredInstant | null;
}
