import type { JiraSite } from './jira-site';
import type { IssueRecord } from './site-records';
import type { IssueSnapshot } from './types';
import { PRIORITIES, RESOLUTIONS } from './workflow';

/** An issue as a test asserts on it: names instead of ids, dates as Dates, copies not live rows. */
export function issueSnapshot(site: JiraSite, issue: IssueRecord): IssueSnapshot {
  const project = site.projectOf(issue);
  const status = site.status(issue);
  return {
    id: issue.id,
    key: issue.key,
    projectKey: project.key,
    issueType: project.issueTypes.find((t) => t.id === issue.issueTypeId)?.name ?? issue.issueTypeId,
    summary: issue.summary,
    description: issue.description ? structuredClone(issue.description) : null,
    labels: [...issue.labels],
    components: issue.componentIds.map((id) => project.components.find((c) => c.id === id)?.name ?? id),
    assigneeAccountId: issue.assigneeId,
    reporterAccountId: issue.reporterId,
    dueDate: issue.dueDate,
    priority: PRIORITIES.find((p) => p.id === issue.priorityId)?.name ?? issue.priorityId,
    status: { id: status.id, name: status.name, category: status.category },
    resolution: RESOLUTIONS.find((r) => r.id === issue.resolutionId)?.name ?? null,
    created: new Date(issue.created),
    updated: new Date(issue.updated),
    comments: issue.comments.map((c) => ({ id: c.id, authorAccountId: c.authorId, body: structuredClone(c.body), created: new Date(c.created) })),
  };
}
