import { adfToText, checkAdf } from './adf';
import { JiraError } from './jira-error';
import { FIELD_NAMES, collectIssueFields, notOnScreen, readIssueFields, type FieldValues } from './issue-fields';
import type { ChangeItem, ChangelogRecord, CommentRecord, IssueChange, IssueRecord, ProjectRecord } from './site-records';
import type { AdfDocument, JiraUser, ProjectInput, StatusInput, TransitionInput, UserInput, WorkflowInput } from './types';
import { DEFAULT_PRIORITY_ID, PRIORITIES, RESOLUTIONS, STATUS_CATEGORIES, checkWorkflow, transitionsFrom } from './workflow';

const KNOWN_ISSUE_TYPE_IDS: Record<string, string> = { Task: '10001', Bug: '10002', 'Sub-task': '10003', Story: '10004', Epic: '10005' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The state of a Jira Cloud site: people, projects with their workflow, issues with comments and
 * history. Every change goes through here, whether it came from the API or from a test acting as a
 * person, and each is reported once to `onChange` (the webhook source) with its changelog.
 */
export class JiraSite {
  readonly users = new Map<string, JiraUser>();
  readonly projects: ProjectRecord[] = [];
  private readonly issueList: IssueRecord[] = [];
  private readonly issueCounters = new Map<string, number>();
  private nextIssueId = 10000;
  private nextCommentId = 10000;
  private nextChangelogId = 10000;
  private nextAccount = 1;
  private nextComponentId = 10100;
  private nextIssueTypeId = 10010;
  onChange: (change: IssueChange) => void = () => undefined;

  constructor(
    private readonly defaultWorkflow: WorkflowInput,
    readonly now: () => number,
  ) {
    checkWorkflow(defaultWorkflow);
  }

  addUser(input: UserInput): JiraUser {
    const accountId = input.accountId ?? `5b10a2844c20165700e${(this.nextAccount++).toString(16).padStart(5, '0')}`;
    if (this.users.has(accountId)) throw new Error(`user ${accountId} exists already`);
    const user: JiraUser = {
      accountId,
      displayName: input.displayName,
      emailAddress: input.emailAddress,
      emailVisible: input.emailVisible ?? true,
      active: input.active ?? true,
      assignable: input.assignable ?? true,
      timeZone: input.timeZone ?? 'UTC',
      apiToken: input.apiToken,
      canBrowseUsers: input.canBrowseUsers ?? true,
    };
    this.users.set(accountId, user);
    return user;
  }

  user(accountId: string): JiraUser | undefined {
    return this.users.get(accountId);
  }

  requireUser(accountId: string): JiraUser {
    const user = this.users.get(accountId);
    if (!user) throw new Error(`no user ${accountId} on the fake Jira site`);
    return user;
  }

  /** The account whose email and API token these are; Jira matches the email case-insensitively. */
  authenticate(email: string, apiToken: string): JiraUser | undefined {
    return [...this.users.values()].find(
      (u) => u.active && u.apiToken !== undefined && u.apiToken === apiToken && u.emailAddress.toLowerCase() === email.toLowerCase(),
    );
  }

  addProject(input: ProjectInput): ProjectRecord {
    const workflow = input.workflow ?? this.defaultWorkflow;
    checkWorkflow(workflow);
    if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(input.key)) throw new Error(`project key ${input.key} is not a Jira project key`);
    if (this.findProject(input.key)) throw new Error(`project ${input.key} exists already`);
    const project: ProjectRecord = {
      id: input.id ?? String(10000 + this.projects.length + 1),
      key: input.key,
      name: input.name ?? input.key,
      leadAccountId: input.leadAccountId ?? this.users.keys().next().value,
      issueTypes: (input.issueTypes ?? [{ name: 'Task' }, { name: 'Bug' }, { name: 'Sub-task', subtask: true }]).map((t) => ({
        id: t.id ?? KNOWN_ISSUE_TYPE_IDS[t.name] ?? String(this.nextIssueTypeId++),
        name: t.name,
        subtask: t.subtask ?? false,
      })),
      components: (input.components ?? []).map((c) => ({ id: c.id ?? String(this.nextComponentId++), name: c.name })),
      requiredFields: input.requiredFields ?? [],
      workflow,
    };
    this.projects.push(project);
    this.issueCounters.set(project.id, 0);
    return project;
  }

  findProject(idOrKey: string): ProjectRecord | undefined {
    return this.projects.find((p) => p.id === idOrKey || p.key === idOrKey.toUpperCase());
  }

  projectOf(issue: IssueRecord): ProjectRecord {
    const project = this.projects.find((p) => p.id === issue.projectId);
    if (!project) throw new Error(`issue ${issue.key} has no project`);
    return project;
  }

  status(issue: IssueRecord): StatusInput {
    const status = this.projectOf(issue).workflow.statuses.find((s) => s.id === issue.statusId);
    if (!status) throw new Error(`issue ${issue.key} is in unknown status ${issue.statusId}`);
    return status;
  }

  issues(): IssueRecord[] {
    return [...this.issueList];
  }

  /** By id or key; keys match case-insensitively, as in Jira. */
  findIssue(idOrKey: string): IssueRecord | undefined {
    const upper = idOrKey.toUpperCase();
    return this.issueList.find((i) => i.id === idOrKey || i.key === upper);
  }

  requireIssue(idOrKey: string): IssueRecord {
    const issue = this.findIssue(idOrKey);
    if (!issue) throw new Error(`no issue ${idOrKey} on the fake Jira site`);
    return issue;
  }

  createIssue(actorId: string, body: { fields?: Record<string, unknown>; update?: Record<string, unknown> }): IssueRecord {
    const fields = body.fields ?? {};
    const errors: Record<string, string> = {};
    const projectRef = fields.project;
    const project = isObject(projectRef)
      ? this.projects.find((p) => (projectRef.id !== undefined && p.id === String(projectRef.id)) || (projectRef.key !== undefined && p.key === projectRef.key))
      : undefined;
    if (!project) throw JiraError.fields({ project: 'Specify a valid project ID or key' });

    const typeRef = fields.issuetype;
    const issueType = isObject(typeRef) ? project.issueTypes.find((t) => t.id === typeRef.id || t.name === typeRef.name) : undefined;
    if (!isObject(typeRef)) errors.issuetype = 'Specify an issue type';
    else if (!issueType) errors.issuetype = 'Specify a valid issue type';
    else if (issueType.subtask) errors.parent = 'Issue type is a sub-task but parent issue key or id not specified.';

    const read = collectIssueFields(body, { project, user: (id) => this.user(id) }, ['project', 'issuetype']);
    const values = read.values;
    Object.assign(errors, read.errors);
    const given = new Set([...Object.keys(fields), ...Object.keys(body.update ?? {})]);
    for (const field of ['summary', ...project.requiredFields]) {
      if (errors[field] === undefined && (!given.has(field) || isEmpty(field, values))) {
        errors[field] = field === 'summary' ? 'You must specify a summary of the issue.' : `${FIELD_NAMES[field] ?? field} is required.`;
      }
    }
    if (Object.keys(errors).length > 0 || !issueType) throw JiraError.fields(errors);

    const number = (this.issueCounters.get(project.id) ?? 0) + 1;
    this.issueCounters.set(project.id, number);
    const at = this.now();
    const issue: IssueRecord = {
      id: String(this.nextIssueId++),
      key: `${project.key}-${number}`,
      projectId: project.id,
      issueTypeId: issueType.id,
      summary: values.summary ?? '',
      description: values.description ?? null,
      labels: values.labels ?? [],
      componentIds: values.componentIds ?? [],
      assigneeId: values.assigneeId ?? null,
      reporterId: values.reporterId ?? actorId,
      creatorId: actorId,
      dueDate: values.dueDate ?? null,
      priorityId: values.priorityId ?? DEFAULT_PRIORITY_ID,
      statusId: project.workflow.initialStatusId ?? project.workflow.statuses[0]?.id ?? '',
      resolutionId: null,
      resolutionDate: null,
      statusCategoryChanged: at,
      created: at,
      updated: at,
      comments: [],
      history: [],
    };
    this.issueList.push(issue);
    this.onChange({ event: 'jira:issue_created', eventTypeName: 'issue_created', issue, actorId, at });
    return issue;
  }

  /** Applies an edit; false (and no event) when it changed nothing. */
  editIssue(actorId: string, issue: IssueRecord, body: { fields?: Record<string, unknown>; update?: Record<string, unknown> }): boolean {
    const project = this.projectOf(issue);
    const values = readIssueFields(body, { project, user: (id) => this.user(id), current: issue });
    const items = this.applyValues(issue, values);
    if (items.length === 0) return false;
    const onlyAssignee = items.every((i) => i.field === 'assignee');
    this.record(issue, actorId, items, onlyAssignee ? 'issue_assigned' : 'issue_updated');
    return true;
  }

  availableTransitions(issue: IssueRecord): TransitionInput[] {
    return transitionsFrom(this.projectOf(issue).workflow, issue.statusId);
  }

  /**
   * `POST .../transitions`: only a transition open from the current status, only the fields its
   * screen has (resolution), and an optional comment. Entering a done-category status sets the
   * resolution; leaving the done category clears it.
   */
  transition(actorId: string, issue: IssueRecord, body: Record<string, unknown>): void {
    const transitionRef = body.transition;
    const id = isObject(transitionRef) ? transitionRef.id : undefined;
    if (typeof id !== 'string' || id === '') throw new JiraError(400, ["Missing 'transition' identifier"]);
    const transition = this.availableTransitions(issue).find((t) => t.id === id);
    if (!transition) throw new JiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
    const project = this.projectOf(issue);
    const target = project.workflow.statuses.find((s) => s.id === transition.to);
    if (!target) throw new Error(`transition ${id} leads to unknown status`);

    const errors: Record<string, string> = {};
    const fields = isObject(body.fields) ? body.fields : {};
    const update = isObject(body.update) ? body.update : {};
    let resolutionId: string | null | undefined;
    for (const [field, value] of Object.entries(fields)) {
      if (field !== 'resolution' || !transition.resolutionScreen) {
        errors[field] = notOnScreen(field);
        continue;
      }
      const resolution = isObject(value) ? RESOLUTIONS.find((r) => r.id === value.id || r.name === value.name) : undefined;
      if (!resolution) errors.resolution = 'Resolution is invalid.';
      else resolutionId = resolution.id;
    }
    if (transition.resolutionScreen === 'required' && resolutionId === undefined && errors.resolution === undefined) {
      errors.resolution = 'Resolution is required.';
    }
    let commentBody: AdfDocument | undefined;
    for (const [field, operations] of Object.entries(update)) {
      const add = field === 'comment' && Array.isArray(operations) && operations.length === 1 && isObject(operations[0]) ? operations[0].add : undefined;
      if (field !== 'comment') errors[field] = notOnScreen(field);
      else if (!isObject(add)) errors.comment = "Use update.comment: [{ add: { body } }] to comment on a transition.";
      else {
        const problems = checkAdf(add.body);
        if (problems.length > 0) errors.comment = `INVALID_INPUT (${problems[0]})`;
        else commentBody = add.body as AdfDocument;
      }
    }
    if (Object.keys(errors).length > 0) throw JiraError.fields(errors);

    const done = target.category === 'done';
    if (resolutionId === undefined) {
      resolutionId = done ? (RESOLUTIONS.find((r) => r.name === (target.resolution ?? 'Done'))?.id ?? null) : null;
    }
    const at = this.now();
    const before = this.status(issue);
    const items: ChangeItem[] = [];
    if (resolutionId !== issue.resolutionId) {
      items.push(item('resolution', issue.resolutionId, resolutionName(issue.resolutionId), resolutionId, resolutionName(resolutionId)));
      if (issue.resolutionId === null) issue.resolutionDate = at;
      if (resolutionId === null) issue.resolutionDate = null;
      issue.resolutionId = resolutionId;
    }
    items.push(item('status', before.id, before.name, target.id, target.name));
    if (before.category !== target.category) issue.statusCategoryChanged = at;
    issue.statusId = target.id;
    const comment = commentBody ? this.newComment(issue, actorId, commentBody, at) : undefined;
    this.record(issue, actorId, items, 'issue_generic', comment);
  }

  addComment(actorId: string, issue: IssueRecord, body: AdfDocument): CommentRecord {
    const at = this.now();
    const comment = this.newComment(issue, actorId, body, at);
    issue.updated = at;
    this.onChange({ event: 'jira:issue_updated', eventTypeName: 'issue_commented', issue, actorId, at, comment });
    return comment;
  }

  private newComment(issue: IssueRecord, authorId: string, body: AdfDocument, at: number): CommentRecord {
    const comment: CommentRecord = { id: String(this.nextCommentId++), authorId, body, created: at, updated: at };
    issue.comments.push(comment);
    return comment;
  }

  private record(issue: IssueRecord, actorId: string, items: ChangeItem[], eventTypeName: string, comment?: CommentRecord): void {
    const at = this.now();
    const changelog: ChangelogRecord = { id: String(this.nextChangelogId++), authorId: actorId, created: at, items };
    issue.history.push(changelog);
    issue.updated = at;
    this.onChange({ event: 'jira:issue_updated', eventTypeName, issue, actorId, at, changelog, comment });
  }

  /** Sets new values on the issue and describes each real change as a changelog item. */
  private applyValues(issue: IssueRecord, values: FieldValues): ChangeItem[] {
    const items: ChangeItem[] = [];
    const project = this.projectOf(issue);
    if (values.summary !== undefined && values.summary !== issue.summary) {
      items.push(item('summary', null, issue.summary, null, values.summary));
      issue.summary = values.summary;
    }
    if (values.description !== undefined && JSON.stringify(values.description) !== JSON.stringify(issue.description)) {
      items.push(item('description', null, adfToText(issue.description) || null, null, adfToText(values.description) || null));
      issue.description = values.description;
    }
    if (values.labels !== undefined && values.labels.join(' ') !== issue.labels.join(' ')) {
      items.push(item('labels', null, issue.labels.join(' ') || null, null, values.labels.join(' ') || null));
      issue.labels = values.labels;
    }
    if (values.componentIds !== undefined) {
      const name = (id: string) => project.components.find((c) => c.id === id)?.name ?? id;
      for (const id of issue.componentIds.filter((c) => !values.componentIds?.includes(c))) items.push({ ...item('Component', id, name(id), null, null), fieldId: 'components' });
      for (const id of values.componentIds.filter((c) => !issue.componentIds.includes(c))) items.push({ ...item('Component', null, null, id, name(id)), fieldId: 'components' });
      issue.componentIds = values.componentIds;
    }
    if (values.assigneeId !== undefined && values.assigneeId !== issue.assigneeId) {
      const name = (id: string | null) => (id ? (this.user(id)?.displayName ?? null) : null);
      items.push(item('assignee', issue.assigneeId, name(issue.assigneeId), values.assigneeId, name(values.assigneeId)));
      issue.assigneeId = values.assigneeId;
    }
    if (values.dueDate !== undefined && values.dueDate !== issue.dueDate) {
      // Jira's changelog shows due dates as timestamps at midnight.
      const shown = (d: string | null) => (d ? `${d} 00:00:00.0` : null);
      items.push(item('duedate', issue.dueDate, shown(issue.dueDate), values.dueDate, shown(values.dueDate)));
      issue.dueDate = values.dueDate;
    }
    if (values.priorityId !== undefined && values.priorityId !== issue.priorityId) {
      const name = (id: string) => PRIORITIES.find((p) => p.id === id)?.name ?? id;
      items.push(item('priority', issue.priorityId, name(issue.priorityId), values.priorityId, name(values.priorityId)));
      issue.priorityId = values.priorityId;
    }
    return items;
  }

  /** The category of an issue's status, for views and JQL. */
  category(issue: IssueRecord): (typeof STATUS_CATEGORIES)[keyof typeof STATUS_CATEGORIES] {
    return STATUS_CATEGORIES[this.status(issue).category];
  }
}

function isEmpty(field: string, values: FieldValues): boolean {
  const value: unknown = {
    description: values.description,
    labels: values.labels,
    components: values.componentIds,
    assignee: values.assigneeId,
    duedate: values.dueDate,
    priority: values.priorityId,
    summary: values.summary,
  }[field];
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function resolutionName(id: string | null): string | null {
  return id ? (RESOLUTIONS.find((r) => r.id === id)?.name ?? null) : null;
}

function item(field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null): ChangeItem {
  return { field, fieldtype: 'jira', fieldId: field, from, fromString, to, toString };
}
