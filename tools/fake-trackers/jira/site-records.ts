import type { AdfDocument, WorkflowInput } from './types';

/** The fake's own rows. Times are epoch milliseconds; views turn them into Jira's JSON. */

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  leadAccountId: string | undefined;
  issueTypes: Array<{ id: string; name: string; subtask: boolean }>;
  components: Array<{ id: string; name: string }>;
  requiredFields: string[];
  workflow: WorkflowInput;
}

export interface CommentRecord {
  id: string;
  authorId: string;
  body: AdfDocument;
  created: number;
  updated: number;
}

/** One changed field, in the shape of Jira's changelog items and webhook `changelog.items`. */
export interface ChangeItem {
  field: string;
  fieldtype: 'jira';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogRecord {
  id: string;
  authorId: string;
  created: number;
  items: ChangeItem[];
}

export interface IssueRecord {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: AdfDocument | null;
  labels: string[];
  componentIds: string[];
  assigneeId: string | null;
  reporterId: string;
  creatorId: string;
  dueDate: string | null;
  priorityId: string;
  statusId: string;
  resolutionId: string | null;
  resolutionDate: number | null;
  statusCategoryChanged: number;
  created: number;
  updated: number;
  comments: CommentRecord[];
  history: ChangelogRecord[];
}

/** What happened to an issue, for webhooks: one per API call or person's action that changed it. */
export interface IssueChange {
  event: 'jira:issue_created' | 'jira:issue_updated';
  /** Jira's `issue_event_type_name`: issue_created, issue_updated, issue_assigned, issue_generic, issue_commented. */
  eventTypeName: string;
  issue: IssueRecord;
  actorId: string;
  at: number;
  changelog?: ChangelogRecord;
  comment?: CommentRecord;
}
