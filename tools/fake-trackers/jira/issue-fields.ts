import { checkAdf } from './adf';
import { JiraError } from './jira-error';
import { isCalendarDate } from './jira-time';
import type { IssueRecord, ProjectRecord } from './site-records';
import type { AdfDocument, JiraUser } from './types';
import { PRIORITIES } from './workflow';

/**
 * Reading the `fields` and `update` of a create or edit request into new field values, with
 * Jira's refusals: a string where ADF belongs, a label with a space, an unassignable user, a date
 * that is not `yyyy-MM-dd`, a field that is not on the screen (status, resolution, anything unknown).
 */

export interface FieldValues {
  summary?: string;
  description?: AdfDocument | null;
  labels?: string[];
  componentIds?: string[];
  assigneeId?: string | null;
  dueDate?: string | null;
  priorityId?: string;
  reporterId?: string;
}

export interface FieldContext {
  project: ProjectRecord;
  user(accountId: string): JiraUser | undefined;
  /** The issue being edited; undefined when creating. */
  current?: IssueRecord;
}

/** Names Jira uses in "X is required." messages. */
export const FIELD_NAMES: Record<string, string> = {
  summary: 'Summary',
  description: 'Description',
  labels: 'Labels',
  components: 'Component/s',
  assignee: 'Assignee',
  duedate: 'Due date',
  priority: 'Priority',
  reporter: 'Reporter',
};

/** Fields the fake's create and edit screens show; `reporter` only on create. */
const SCREEN = ['summary', 'description', 'labels', 'components', 'assignee', 'duedate', 'priority', 'reporter'];

export const notOnScreen = (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thrown inside a reader to refuse one field with a message. */
class FieldProblem extends Error {}

function accountIdOf(value: unknown, field: string): string {
  // Jira Cloud accepts `{ accountId }` and, as its own example shows, `{ id }`.
  const id = isObject(value) ? (value.accountId ?? value.id) : undefined;
  if (typeof id !== 'string') throw new FieldProblem(`Specify the ${FIELD_NAMES[field]?.toLowerCase() ?? field} by accountId`);
  return id;
}

function readOne(field: string, value: unknown, ctx: FieldContext): FieldValues {
  switch (field) {
    case 'summary': {
      if (typeof value !== 'string') throw new FieldProblem('Operation value must be a string');
      if (value.trim() === '') throw new FieldProblem('You must specify a summary of the issue.');
      if (/[\r\n]/.test(value)) throw new FieldProblem('The summary is invalid because it contains newline characters.');
      if (value.length > 255) throw new FieldProblem('Summary must be less than 255 characters.');
      return { summary: value };
    }
    case 'description': {
      if (value === null) return { description: null };
      if (typeof value === 'string') throw new FieldProblem('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
      const problems = checkAdf(value);
      // Jira says only INVALID_INPUT; the first problem is added so a failing test says why.
      if (problems.length > 0) throw new FieldProblem(`INVALID_INPUT (${problems[0]})`);
      return { description: value as AdfDocument };
    }
    case 'labels': {
      if (!Array.isArray(value) || value.some((l) => typeof l !== 'string')) throw new FieldProblem('Operation value must be an array of strings');
      return { labels: (value as string[]).map((l) => readLabel(l)) };
    }
    case 'components': {
      if (!Array.isArray(value)) throw new FieldProblem('Operation value must be an array');
      return { componentIds: value.map((c) => readComponent(c, ctx)) };
    }
    case 'assignee': {
      if (value === null) return { assigneeId: null };
      const id = accountIdOf(value, field);
      const user = ctx.user(id);
      if (!user || !user.active || !user.assignable) throw new FieldProblem(`User '${id}' cannot be assigned issues.`);
      return { assigneeId: id };
    }
    case 'reporter': {
      const id = accountIdOf(value, field);
      if (!ctx.user(id)) throw new FieldProblem(`Specified reporter '${id}' does not exist.`);
      return { reporterId: id };
    }
    case 'duedate': {
      if (value === null || value === '') return { dueDate: null };
      if (typeof value !== 'string' || !isCalendarDate(value)) throw new FieldProblem(`Error parsing date string: ${String(value)}`);
      return { dueDate: value };
    }
    case 'priority': {
      const priority = isObject(value) ? PRIORITIES.find((p) => p.id === value.id || p.name === value.name) : undefined;
      if (!priority) throw new FieldProblem('Specify the Priority (id or name) in the proper format');
      return { priorityId: priority.id };
    }
    default:
      throw new FieldProblem(notOnScreen(field));
  }
}

function readLabel(label: string): string {
  if (/\s/.test(label)) throw new FieldProblem(`The label '${label}' contains spaces which is invalid.`);
  if (label.length > 255) throw new FieldProblem(`The label '${label}' exceeds the 255 character limit.`);
  if (label === '') throw new FieldProblem('Labels cannot be empty.');
  return label;
}

function readComponent(value: unknown, ctx: FieldContext): string {
  if (!isObject(value)) throw new FieldProblem('Specify components by id or name');
  const found = ctx.project.components.find((c) => c.id === value.id || c.name === value.name);
  if (!found) throw new FieldProblem(value.id !== undefined ? `Component with id '${String(value.id)}' does not exist.` : `Component name '${String(value.name)}' is not valid`);
  return found.id;
}

/** `update.<field>: [{ set | add | remove: value }, ...]`, applied in order over the current value. */
function readUpdate(field: string, operations: unknown, ctx: FieldContext, base: FieldValues): FieldValues {
  if (!Array.isArray(operations)) throw new FieldProblem('Operation value must be an array of operations');
  let values: FieldValues = {};
  for (const operation of operations) {
    if (!isObject(operation) || Object.keys(operation).length !== 1) throw new FieldProblem('Each operation must have exactly one of set, add, remove, edit, copy');
    const [verb, value] = Object.entries(operation)[0] ?? [];
    if (verb === 'set') {
      values = { ...values, ...readOne(field, value, ctx) };
    } else if ((verb === 'add' || verb === 'remove') && field === 'labels') {
      if (typeof value !== 'string') throw new FieldProblem('Operation value must be a string');
      const current = values.labels ?? base.labels ?? ctx.current?.labels ?? [];
      values.labels = verb === 'add' ? [...new Set([...current, readLabel(value)])] : current.filter((l) => l !== value);
    } else if ((verb === 'add' || verb === 'remove') && field === 'components') {
      const id = readComponent(value, ctx);
      const current = values.componentIds ?? base.componentIds ?? ctx.current?.componentIds ?? [];
      values.componentIds = verb === 'add' ? [...new Set([...current, id])] : current.filter((c) => c !== id);
    } else if (!SCREEN.includes(field)) {
      throw new FieldProblem(notOnScreen(field));
    } else {
      throw new FieldProblem(`The operation '${String(verb)}' is not supported for field '${field}'.`);
    }
  }
  return values;
}

/**
 * New values from a request's `fields` and `update` (project and issue type excluded: the caller
 * resolves them), and a message for every refused field: Jira reports them all at once.
 */
export function collectIssueFields(
  body: { fields?: Record<string, unknown>; update?: Record<string, unknown> },
  ctx: FieldContext,
  skip: string[] = [],
): { values: FieldValues; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let values: FieldValues = {};
  const fields = body.fields ?? {};
  const update = body.update ?? {};
  for (const [field, value] of Object.entries(fields)) {
    if (skip.includes(field)) continue;
    if (field in update) {
      errors[field] = `Field '${field}' cannot be set both in 'fields' and 'update'.`;
      continue;
    }
    if (field === 'reporter' && ctx.current) {
      errors[field] = notOnScreen(field);
      continue;
    }
    try {
      values = { ...values, ...readOne(field, value, ctx) };
    } catch (e) {
      if (!(e instanceof FieldProblem)) throw e;
      errors[field] = e.message;
    }
  }
  for (const [field, operations] of Object.entries(update)) {
    if (skip.includes(field) || field in fields) continue;
    try {
      values = { ...values, ...readUpdate(field, operations, ctx, values) };
    } catch (e) {
      if (!(e instanceof FieldProblem)) throw e;
      errors[field] = e.message;
    }
  }
  return { values, errors };
}

/** `collectIssueFields`, refusing the request with 400 if any field was refused. */
export function readIssueFields(body: { fields?: Record<string, unknown>; update?: Record<string, unknown> }, ctx: FieldContext): FieldValues {
  const { values, errors } = collectIssueFields(body, ctx);
  if (Object.keys(errors).length > 0) throw JiraError.fields(errors);
  return values;
}
