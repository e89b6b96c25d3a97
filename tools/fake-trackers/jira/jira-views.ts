import type { JiraSite } from './jira-site';
import { jiraTimestamp } from './jira-time';
import type { CommentRecord, IssueRecord, ProjectRecord } from './site-records';
import type { JiraUser, StatusInput, TransitionInput } from './types';
import { PRIORITIES, RESOLUTIONS, STATUS_CATEGORIES } from './workflow';

/**
 * Jira's JSON for the fake's records: users, projects, statuses, issues, comments, transitions.
 * One place builds each shape, so answers and webhook bodies agree, and the reference's response
 * schemas check them all.
 */

export interface ViewContext {
  site: JiraSite;
  /** The site URL every `self` link starts with. */
  baseUrl: string;
}

type Json = Record<string, unknown>;

/** Every issue field the fake keeps; all but `comment` are navigable (shown by search's `*navigable`). */
export const ISSUE_FIELDS = [
  'summary', 'description', 'issuetype', 'project', 'labels', 'components', 'assignee', 'reporter', 'creator',
  'duedate', 'priority', 'status', 'resolution', 'resolutiondate', 'created', 'updated', 'statuscategorychangedate', 'comment',
];
const NAVIGABLE = ISSUE_FIELDS.filter((f) => f !== 'comment');

const avatarUrls = (ctx: ViewContext, kind: string, id: string) =>
  Object.fromEntries(['48x48', '24x24', '16x16', '32x32'].map((size) => [size, `${ctx.baseUrl}/secure/${kind}avatar?size=${size}&id=${id}`]));

/**
 * A user as others see them inside issues and comments (Jira's `UserDetails`): the email only if
 * the person's profile shows it.
 */
export function userDetailsJson(ctx: ViewContext, user: JiraUser): Json {
  return {
    self: `${ctx.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: 'atlassian',
    ...(user.emailVisible ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(ctx, 'user', user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}

/** A user as `myself` and user search return one (Jira's `User`, which adds the locale). */
export function userJson(ctx: ViewContext, user: JiraUser): Json {
  return { ...userDetailsJson(ctx, user), locale: 'en_US' };
}

const userOrNull = (ctx: ViewContext, accountId: string | null) => {
  const user = accountId ? ctx.site.user(accountId) : undefined;
  return user ? userDetailsJson(ctx, user) : null;
};

export function statusJson(ctx: ViewContext, status: StatusInput): Json {
  const category = STATUS_CATEGORIES[status.category];
  return {
    self: `${ctx.baseUrl}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${ctx.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${ctx.baseUrl}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

function issueTypeJson(ctx: ViewContext, type: ProjectRecord['issueTypes'][number]): Json {
  return {
    self: `${ctx.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: '',
    iconUrl: `${ctx.baseUrl}/images/icons/issuetypes/${type.subtask ? 'subtask' : 'task'}.svg`,
    name: type.name,
    subtask: type.subtask,
    hierarchyLevel: type.subtask ? -1 : 0,
  };
}

function componentJson(ctx: ViewContext, component: { id: string; name: string }): Json {
  return { self: `${ctx.baseUrl}/rest/api/3/component/${component.id}`, id: component.id, name: component.name };
}

function projectRef(ctx: ViewContext, project: ProjectRecord): Json {
  return {
    self: `${ctx.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: avatarUrls(ctx, 'project', project.id),
  };
}

/** `GET /project/{projectIdOrKey}`. */
export function projectJson(ctx: ViewContext, project: ProjectRecord): Json {
  const lead = project.leadAccountId ? ctx.site.user(project.leadAccountId) : undefined;
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...projectRef(ctx, project),
    description: '',
    ...(lead ? { lead: userJson(ctx, lead) } : {}),
    components: project.components.map((c) => componentJson(ctx, c)),
    issueTypes: project.issueTypes.map((t) => issueTypeJson(ctx, t)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

function resolutionJson(ctx: ViewContext, id: string | null): Json | null {
  const resolution = RESOLUTIONS.find((r) => r.id === id);
  return resolution ? { self: `${ctx.baseUrl}/rest/api/3/resolution/${resolution.id}`, ...resolution } : null;
}

export function commentJson(ctx: ViewContext, issue: IssueRecord, comment: CommentRecord): Json {
  const author = userOrNull(ctx, comment.authorId);
  return {
    self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    ...(author ? { author, updateAuthor: author } : {}),
    body: comment.body,
    created: jiraTimestamp(comment.created),
    updated: jiraTimestamp(comment.updated),
    jsdPublic: true,
  };
}

/** The value of one issue field. */
function fieldValue(ctx: ViewContext, issue: IssueRecord, field: string): unknown {
  const project = ctx.site.projectOf(issue);
  switch (field) {
    case 'summary': return issue.summary;
    case 'description': return issue.description;
    case 'issuetype': {
      const type = project.issueTypes.find((t) => t.id === issue.issueTypeId);
      return type ? issueTypeJson(ctx, type) : null;
    }
    case 'project': return projectRef(ctx, project);
    case 'labels': return [...issue.labels];
    case 'components': return issue.componentIds.map((id) => componentJson(ctx, project.components.find((c) => c.id === id) ?? { id, name: id }));
    case 'assignee': return userOrNull(ctx, issue.assigneeId);
    case 'reporter': return userOrNull(ctx, issue.reporterId);
    case 'creator': return userOrNull(ctx, issue.creatorId);
    case 'duedate': return issue.dueDate;
    case 'priority': {
      const priority = PRIORITIES.find((p) => p.id === issue.priorityId);
      return priority ? { self: `${ctx.baseUrl}/rest/api/3/priority/${priority.id}`, iconUrl: `${ctx.baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`, ...priority } : null;
    }
    case 'status': return statusJson(ctx, ctx.site.status(issue));
    case 'resolution': return resolutionJson(ctx, issue.resolutionId);
    case 'resolutiondate': return issue.resolutionDate === null ? null : jiraTimestamp(issue.resolutionDate);
    case 'created': return jiraTimestamp(issue.created);
    case 'updated': return jiraTimestamp(issue.updated);
    case 'statuscategorychangedate': return jiraTimestamp(issue.statusCategoryChanged);
    case 'comment': return {
      comments: issue.comments.map((c) => commentJson(ctx, issue, c)),
      self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}/comment`,
      maxResults: issue.comments.length,
      total: issue.comments.length,
      startAt: 0,
    };
    default: return undefined;
  }
}

/**
 * The fields a `fields` parameter asks for: names, `*all`, `*navigable`, `-name` to leave one out.
 * Only exclusions start from the navigable fields; `id` and `key` alone ask for no fields at all.
 */
export function selectFields(requested: string[] | undefined, byDefault: '*all' | 'id'): string[] {
  const tokens = requested && requested.length > 0 ? requested : [byDefault];
  const included = new Set<string>();
  const onlyExclusions = tokens.every((t) => t.startsWith('-'));
  if (onlyExclusions) NAVIGABLE.forEach((f) => included.add(f));
  for (const token of tokens) {
    if (token === '*all') ISSUE_FIELDS.forEach((f) => included.add(f));
    else if (token === '*navigable') NAVIGABLE.forEach((f) => included.add(f));
    else if (!token.startsWith('-') && ISSUE_FIELDS.includes(token)) included.add(token);
  }
  for (const token of tokens) if (token.startsWith('-')) included.delete(token.slice(1));
  return ISSUE_FIELDS.filter((f) => included.has(f));
}

export function transitionJson(ctx: ViewContext, project: ProjectRecord, transition: TransitionInput, withFields: boolean): Json {
  const target = project.workflow.statuses.find((s) => s.id === transition.to);
  const fields: Json = {};
  if (transition.resolutionScreen) {
    fields.resolution = {
      required: transition.resolutionScreen === 'required',
      schema: { type: 'resolution', system: 'resolution' },
      name: 'Resolution',
      key: 'resolution',
      operations: ['set'],
      allowedValues: RESOLUTIONS.map((r) => resolutionJson(ctx, r.id)),
    };
  }
  return {
    id: transition.id,
    name: transition.name,
    ...(target ? { to: statusJson(ctx, target) } : {}),
    hasScreen: transition.resolutionScreen !== undefined,
    isGlobal: transition.from === undefined,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    ...(withFields ? { fields } : {}),
  };
}

/** An issue as `GET /issue` and search return it; `fields` lists the fields to show (see `selectFields`). */
export function issueJson(ctx: ViewContext, issue: IssueRecord, fields: string[], expand: string[] = []): Json {
  const self = `${ctx.baseUrl}/rest/api/3/issue/${issue.id}`;
  const json: Json = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self,
    key: issue.key,
    fields: Object.fromEntries(fields.map((f) => [f, fieldValue(ctx, issue, f)])),
  };
  if (expand.includes('changelog')) {
    const histories = [...issue.history].reverse().map((h) => ({
      id: h.id,
      ...(ctx.site.user(h.authorId) ? { author: userDetailsJson(ctx, ctx.site.requireUser(h.authorId)) } : {}),
      created: jiraTimestamp(h.created),
      // The description types from/to as plain strings, so empty ends are left out rather than null.
      items: h.items.map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== null))),
    }));
    json.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }
  if (expand.includes('transitions')) {
    const project = ctx.site.projectOf(issue);
    json.transitions = ctx.site.availableTransitions(issue).map((t) => transitionJson(ctx, project, t, false));
  }
  return json;
}
