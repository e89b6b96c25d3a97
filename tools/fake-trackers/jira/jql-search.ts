import { adfToText } from './adf';
import type { JiraSite } from './jira-site';
import { jqlInstant, startOfDateIn } from './jira-time';
import { JqlError, parseJql, type JqlNode, type JqlOperand, type JqlOperator } from './jql-parser';
import type { IssueRecord } from './site-records';
import type { JiraUser } from './types';
import { PRIORITIES, RESOLUTIONS, STATUS_CATEGORIES } from './workflow';

/**
 * JQL evaluated against the fake's issues, with Jira's rules where a sync can trip on them:
 * values are checked against the site (an unknown project, status or issue key is a 400, not an
 * empty result), `!=` and `NOT IN` never match an empty field, dates are read in the searcher's
 * time zone, and a query must be bounded.
 */

export interface CompiledJql {
  matches(issue: IssueRecord): boolean;
  compare(a: IssueRecord, b: IssueRecord): number;
}

export interface JqlContext {
  site: JiraSite;
  viewer: JiraUser;
  now: number;
}

type Kind = 'id' | 'set' | 'ordered' | 'text';

interface FieldRule {
  name: string;
  kind: Kind;
  /** The issue's values (several for labels and components; none when the field is empty). */
  values(issue: IssueRecord, ctx: JqlContext): Array<string | number>;
  /** A JQL value turned into what `values` returns, or an error. */
  resolve?(value: string, ctx: JqlContext): Array<string | number>;
}

const notFound = (value: string, field: string) => new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
const ci = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function dateRule(name: string, get: (i: IssueRecord) => number | null): FieldRule {
  return {
    name,
    kind: 'ordered',
    values: (issue) => {
      const v = get(issue);
      return v === null ? [] : [v];
    },
    resolve: (value, ctx) => {
      const instant = jqlInstant(value, ctx.viewer.timeZone, ctx.now);
      if (instant === undefined) {
        throw new JqlError(
          `Date value '${value}' for field '${name}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
        );
      }
      return [instant];
    },
  };
}

const keyRule: FieldRule = {
  name: 'key',
  kind: 'id',
  values: (issue) => [issue.id],
  resolve: (value, ctx) => {
    if (/^\d+$/.test(value)) {
      const byId = ctx.site.findIssue(value);
      if (!byId) throw new JqlError(`An issue with key '${value}' does not exist for field 'key'.`);
      return [byId.id];
    }
    if (!/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(value)) throw new JqlError(`The issue key '${value}' for field 'key' is invalid.`);
    const issue = ctx.site.findIssue(value);
    if (!issue) throw new JqlError(`An issue with key '${value}' does not exist for field 'key'.`);
    return [issue.id];
  },
};

function userRule(name: string, get: (i: IssueRecord) => string | null): FieldRule {
  return {
    name,
    kind: 'id',
    values: (issue) => {
      const v = get(issue);
      return v === null ? [] : [v];
    },
    resolve: (value, ctx) => {
      if (!ctx.site.user(value)) throw notFound(value, name);
      return [value];
    },
  };
}

const FIELDS: Record<string, FieldRule> = {
  project: {
    name: 'project',
    kind: 'id',
    values: (issue) => [issue.projectId],
    resolve: (value, ctx) => {
      const project = ctx.site.projects.find((p) => p.id === value || ci(p.key, value) || ci(p.name, value));
      if (!project) throw notFound(value, 'project');
      return [project.id];
    },
  },
  key: keyRule,
  labels: { name: 'labels', kind: 'set', values: (issue) => issue.labels, resolve: (value) => [value] },
  updated: dateRule('updated', (i) => i.updated),
  created: dateRule('created', (i) => i.created),
  resolutiondate: dateRule('resolutiondate', (i) => i.resolutionDate),
  duedate: {
    ...dateRule('duedate', () => null),
    values: (issue, ctx) => (issue.dueDate ? [startOfDateIn(issue.dueDate, ctx.viewer.timeZone)] : []),
  },
  status: {
    name: 'status',
    kind: 'id',
    values: (issue) => [issue.statusId],
    resolve: (value, ctx) => {
      const ids = ctx.site.projects.flatMap((p) => p.workflow.statuses).filter((s) => s.id === value || ci(s.name, value)).map((s) => s.id);
      if (ids.length === 0) throw notFound(value, 'status');
      return [...new Set(ids)];
    },
  },
  statuscategory: {
    name: 'statusCategory',
    kind: 'id',
    values: (issue, ctx) => [ctx.site.category(issue).key],
    resolve: (value) => {
      const category = Object.values(STATUS_CATEGORIES).find((c) => ci(c.key, value) || ci(c.name, value) || String(c.id) === value);
      if (!category) throw notFound(value, 'statusCategory');
      return [category.key];
    },
  },
  assignee: userRule('assignee', (i) => i.assigneeId),
  reporter: userRule('reporter', (i) => i.reporterId),
  issuetype: {
    name: 'issuetype',
    kind: 'id',
    values: (issue) => [issue.issueTypeId],
    resolve: (value, ctx) => {
      const ids = ctx.site.projects.flatMap((p) => p.issueTypes).filter((t) => t.id === value || ci(t.name, value)).map((t) => t.id);
      if (ids.length === 0) throw notFound(value, 'issuetype');
      return [...new Set(ids)];
    },
  },
  resolution: {
    name: 'resolution',
    kind: 'id',
    values: (issue) => (issue.resolutionId ? [issue.resolutionId] : []),
    resolve: (value) => {
      if (ci(value, 'Unresolved')) return [];
      const resolution = RESOLUTIONS.find((r) => r.id === value || ci(r.name, value));
      if (!resolution) throw notFound(value, 'resolution');
      return [resolution.id];
    },
  },
  priority: {
    name: 'priority',
    kind: 'id',
    values: (issue) => [issue.priorityId],
    resolve: (value) => {
      const priority = PRIORITIES.find((p) => p.id === value || ci(p.name, value));
      if (!priority) throw notFound(value, 'priority');
      return [priority.id];
    },
  },
  component: {
    name: 'component',
    kind: 'set',
    values: (issue) => issue.componentIds,
    resolve: (value, ctx) => {
      const ids = ctx.site.projects.flatMap((p) => p.components).filter((c) => c.id === value || ci(c.name, value)).map((c) => c.id);
      if (ids.length === 0) throw notFound(value, 'component');
      return ids;
    },
  },
  summary: { name: 'summary', kind: 'text', values: (issue) => [issue.summary] },
  text: {
    name: 'text',
    kind: 'text',
    values: (issue) => [issue.summary, adfToText(issue.description), ...issue.comments.map((c) => adfToText(c.body))],
  },
};

const ALIASES: Record<string, string> = {
  issuekey: 'key', issue: 'key', id: 'key', type: 'issuetype', due: 'duedate', updateddate: 'updated',
  createddate: 'created', resolved: 'resolutiondate', label: 'labels', components: 'component',
};

function fieldRule(name: string): FieldRule {
  const lower = name.toLowerCase();
  const rule = FIELDS[ALIASES[lower] ?? lower];
  if (!rule) throw new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
  return rule;
}

/** Values an operand stands for; `undefined` for EMPTY. */
function operandValues(rule: FieldRule, operand: JqlOperand, ctx: JqlContext): Array<string | number> | undefined {
  switch (operand.kind) {
    case 'empty':
      return undefined;
    case 'value':
      return rule.resolve ? rule.resolve(operand.value, ctx) : [operand.value];
    case 'function': {
      if (operand.name === 'currentuser' && (rule.name === 'assignee' || rule.name === 'reporter')) return [ctx.viewer.accountId];
      if (operand.name === 'now' && rule.kind === 'ordered') return [ctx.now];
      throw new JqlError(`Unable to find JQL function '${operand.name}()'.`);
    }
    case 'list':
      return operand.items.flatMap((item) => operandValues(rule, item, ctx) ?? []);
  }
}

function clause(field: string, operator: JqlOperator, operand: JqlOperand, ctx: JqlContext): (issue: IssueRecord) => boolean {
  const rule = fieldRule(field);
  const refuse = () => new JqlError(`The operator '${operator.toUpperCase()}' is not supported by the '${field}' field.`);
  const wanted = operandValues(rule, operand, ctx);
  const has = (issue: IssueRecord) => rule.values(issue, ctx);

  if (operator === 'is' || operator === 'is not' || wanted === undefined) {
    if (operator === 'is' || operator === '=') return (issue) => has(issue).length === 0;
    if (operator === 'is not' || operator === '!=') return (issue) => has(issue).length > 0;
    throw refuse();
  }
  if (operator === '~' || operator === '!~') {
    if (rule.kind !== 'text') throw refuse();
    const needle = String(wanted[0] ?? '').toLowerCase();
    const contains = (issue: IssueRecord) => has(issue).some((v) => String(v).toLowerCase().includes(needle));
    return operator === '~' ? contains : (issue) => !contains(issue);
  }
  if (rule.kind === 'text') throw refuse();
  switch (operator) {
    case '=':
    case 'in':
      // A value that stands for nothing (`resolution = Unresolved`) matches the empty field.
      if (wanted.length === 0) return (issue) => has(issue).length === 0;
      return (issue) => has(issue).some((v) => wanted.includes(v));
    case '!=':
    case 'not in':
      if (wanted.length === 0) return (issue) => has(issue).length > 0;
      return (issue) => {
        const values = has(issue);
        return values.length > 0 && !values.some((v) => wanted.includes(v));
      };
    default: {
      if (rule.kind !== 'ordered') throw refuse();
      const bound = Number(wanted[0]);
      const test = { '>': (v: number) => v > bound, '>=': (v: number) => v >= bound, '<': (v: number) => v < bound, '<=': (v: number) => v <= bound }[operator];
      return (issue) => has(issue).some((v) => test(Number(v)));
    }
  }
}

function compileNode(node: JqlNode, ctx: JqlContext): (issue: IssueRecord) => boolean {
  switch (node.kind) {
    case 'and': {
      const [l, r] = [compileNode(node.left, ctx), compileNode(node.right, ctx)];
      return (issue) => l(issue) && r(issue);
    }
    case 'or': {
      const [l, r] = [compileNode(node.left, ctx), compileNode(node.right, ctx)];
      return (issue) => l(issue) || r(issue);
    }
    case 'not': {
      const inner = compileNode(node.operand, ctx);
      return (issue) => !inner(issue);
    }
    case 'clause':
      return clause(node.field, node.operator, node.operand, ctx);
  }
}

const SORT_KEYS: Record<string, (issue: IssueRecord, ctx: JqlContext) => string | number | null> = {
  created: (i) => i.created,
  updated: (i) => i.updated,
  resolutiondate: (i) => i.resolutionDate,
  duedate: (i) => i.dueDate,
  summary: (i) => i.summary.toLowerCase(),
  priority: (i) => Number(i.priorityId),
  status: (i, ctx) => ctx.site.status(i).name.toLowerCase(),
  // Keys sort by project, then number: OPS-10 after OPS-9.
  key: (i) => `${i.key.replace(/-\d+$/, '')}-${(/-(\d+)$/.exec(i.key)?.[1] ?? '').padStart(12, '0')}`,
};

/**
 * Parses and checks a query against the site. `bounded` queries only: `/search/jql` refuses one
 * that is nothing but ORDER BY. Without ORDER BY the newest issues come first.
 */
export function compileJql(jql: string, ctx: JqlContext, { requireBounded = true } = {}): CompiledJql {
  const query = parseJql(jql);
  if (!query.where && requireBounded) throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  const matches = query.where ? compileNode(query.where, ctx) : () => true;
  const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'key', direction: 'desc' as const }];
  const sorters = order.map(({ field, direction }) => {
    const lower = field.toLowerCase();
    const key = SORT_KEYS[ALIASES[lower] ?? lower];
    if (!key) {
      if (FIELDS[ALIASES[lower] ?? lower]) throw new JqlError(`Field '${field}' does not support sorting.`);
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
    }
    return { key, sign: direction === 'desc' ? -1 : 1 };
  });
  return {
    matches,
    compare: (a, b) => {
      for (const { key, sign } of sorters) {
        const [x, y] = [key(a, ctx), key(b, ctx)];
        if (x === y) continue;
        // Empty values sort last either way, as Jira puts issues without a due date last.
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -1 : 1) * sign;
      }
      return Number(a.id) - Number(b.id);
    },
  };
}
