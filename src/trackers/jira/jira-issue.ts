import { TrackerError } from '../tracker-error';
import type { IssueState, TrackerIssue } from '../tracker';
import { markerIn } from './jira-adf';

/** The fields the bot reads of an issue, for `GET /issue/{key}?fields=` and searches. */
export const ISSUE_FIELDS = ['summary', 'status', 'assignee', 'duedate', 'description', 'labels', 'updated', 'resolution'];

/** A status as Jira shows it: its category key (`new`, `indeterminate`, `done`) is what is stable. */
export interface JiraStatus {
  name?: string;
  statusCategory?: { key?: string };
}

/** An issue as `GET /issue`, `/search/jql` and webhook payloads show it; only what the bot reads. */
export interface JiraIssueJson {
  id: string;
  key: string;
  fields?: {
    summary?: string;
    status?: JiraStatus | null;
    resolution?: { name?: string } | null;
    assignee?: { accountId?: string } | null;
    duedate?: string | null;
    description?: unknown;
    labels?: string[];
    updated?: string;
    project?: { key?: string };
  };
}

/**
 * What ends work without doing it, in status, transition and resolution names: Won't Do, Won't
 * Fix, Not planned, Declined, Cancelled, Rejected, Duplicate, Cannot Reproduce. A done-category
 * status with such a name (or resolution) is GitHub's `not_planned`.
 */
export const NOT_PLANNED = /won.?t|not.?planned|declin|cancel|reject|duplicate|cannot reproduce/i;

/**
 * The bot's reading of an issue. The state comes from the status category, never from the
 * status name alone (a team's "Closed" or "Shipped" is as done as "Done"); within the done
 * category, a won't-do status or resolution makes it `not_planned`.
 */
export function toTrackerIssue(json: JiraIssueJson, baseUrl: string): TrackerIssue {
  const fields = json.fields ?? {};
  const updatedAt = parseJiraTime(fields.updated);
  if (!json.key || !updatedAt) throw new TrackerError('retry', `Jira answered an issue without ${json.key ? 'its updated time' : 'a key'}`);
  return {
    key: json.key,
    label: json.key,
    url: `${baseUrl}/browse/${json.key}`,
    state: stateOf(fields.status, fields.resolution),
    assignee: fields.assignee?.accountId ?? null,
    dueDate: fields.duedate ?? null,
    marker: markerIn(fields.description),
    updatedAt,
  };
}

export function stateOf(status: JiraStatus | null | undefined, resolution?: { name?: string } | null): IssueState {
  if (status?.statusCategory?.key !== 'done') return 'open';
  return NOT_PLANNED.test(status.name ?? '') || NOT_PLANNED.test(resolution?.name ?? '') ? 'not_planned' : 'done';
}

/** Jira's `2024-01-15T10:23:45.123+0000`: the offset has no colon, which `Date.parse` may not accept everywhere. */
export function parseJiraTime(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const at = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at) ? undefined : new Date(at);
}
