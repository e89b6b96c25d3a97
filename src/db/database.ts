import type { AlertGroupAlertsTable, AlertGroupsTable, AlertNotificationsTable, AlertResolvePromptsTable, AlertStormsTable } from '../alerts/alerts.table';
import type { ActionItemsTable } from '../action-items/action-items.table';
import type { IncidentsTable } from '../incidents/incidents.table';
import type { PostmortemExportsTable, PostmortemMessagesTable, PostmortemsTable, ReviewMeetingsTable } from '../postmortems/postmortems.table';
import type { AccountRoundsTable, ParticipantAccountsTable } from '../accounts/accounts.table';
import type { InboxTable } from '../slack/inbox/inbox.table';
import type { RecurrenceNoticesTable, RecurrenceSignaturesTable, RecurrenceTermsTable } from '../recurrence/recurrence.table';
import type { InsightDigestsTable } from '../insights/insights.table';
import type { TimelineEntriesTable, TimelineMarkRemovalsTable } from '../timeline/timeline.table';
import type { SlackReplicasTable } from '../slack/rate-limits/slack-replicas.table';
import type { TrackerIssuesTable, TrackerPollsTable } from '../trackers/trackers.table';
import type { IncidentSearchTable } from '../search/search.table';

/** Every table the bot stores, as Kysely sees them. Each feature owns its `*.table.ts`. */
export interface Database {
  inbox: InboxTable;
  incidents: IncidentsTable;
  timeline_entries: TimelineEntriesTable;
  postmortems: PostmortemsTable;
  postmortem_messages: PostmortemMessagesTable;
  postmortem_exports: PostmortemExportsTable;
  review_meetings: ReviewMeetingsTable;
  participant_accounts: ParticipantAccountsTable;
  account_rounds: AccountRoundsTable;
  action_items: ActionItemsTable;
  alert_notifications: AlertNotificationsTable;
  alert_groups: AlertGroupsTable;
  alert_group_alerts: AlertGroupAlertsTable;
  alert_storms: AlertStormsTable;
  alert_resolve_prompts: AlertResolvePromptsTable;
  tracker_issues: TrackerIssuesTable;
  tracker_polls: TrackerPollsTable;
  incident_search: IncidentSearchTable;
  recurrence_signatures: RecurrenceSignaturesTable;
  recurrence_terms: RecurrenceTermsTable;
  recurrence_notices: RecurrenceNoticesTable;
  insight_digests: InsightDigestsTable;
  slack_replicas: SlackReplicasTable;
  timeline_mark_removals: TimelineMarkRemovalsTable;
}
