import { ISSUE_FIELDS, commentJson, issueJson, userDetailsJson, type ViewContext } from './jira-views';
import type { IssueChange } from './site-records';

/** Webhook issues carry every field but the comment list, as Jira's issue events do. */
const WEBHOOK_FIELDS = ISSUE_FIELDS.filter((f) => f !== 'comment');

/**
 * The body of a `jira:issue_created` / `jira:issue_updated` event, built the moment the change
 * happens so that it shows the issue as it was then, not as it is when the delivery goes out.
 */
export function webhookPayload(ctx: ViewContext, change: IssueChange): Record<string, unknown> {
  const actor = ctx.site.user(change.actorId);
  return {
    timestamp: change.at,
    webhookEvent: change.event,
    issue_event_type_name: change.eventTypeName,
    ...(actor ? { user: userDetailsJson(ctx, actor) } : {}),
    issue: issueJson(ctx, change.issue, WEBHOOK_FIELDS),
    ...(change.changelog ? { changelog: { id: change.changelog.id, items: change.changelog.items.map((i) => ({ ...i })) } } : {}),
    ...(change.comment ? { comment: commentJson(ctx, change.issue, change.comment) } : {}),
  };
}
