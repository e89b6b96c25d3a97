import { GitHubError, type ValidationErrorItem } from '../github-error';
import type { RepositoryRecord } from '../github-state';
import type { OperationContext } from './operation-context';

/**
 * Readers of the issue fields GitHub accepts in more than one shape (a label as a name or an
 * object, an assignee as a login or an object), and the checks GitHub makes beyond the schema.
 */

/** Label names from `labels: ["bug", { name: "sev1" }]`; an object without a name is refused. */
export function labelNames(ctx: OperationContext, items: unknown[]): string[] {
  return items.map((item, index) => {
    if (typeof item === 'string') return item;
    const name = (item as { name?: unknown }).name;
    if (typeof name === 'string' && name.length > 0) return name;
    throw GitHubError.validationFailed(ctx.operation.docsUrl, [{ resource: 'Label', code: 'missing_field', field: 'name', index }]);
  });
}

/** Logins from `assignees: ["alice", { login: "bob" }]`. */
export function assigneeLogins(items: unknown[]): string[] {
  return items.flatMap((item) => {
    if (typeof item === 'string') return [item];
    const login = (item as { login?: unknown }).login;
    return typeof login === 'string' ? [login] : [];
  });
}

/** Creating or editing an issue with someone who cannot be assigned answers 422 naming them. */
export function requireAssignable(ctx: OperationContext, repo: RepositoryRecord, logins: string[]): void {
  const errors: ValidationErrorItem[] = logins
    .filter((login) => !ctx.state.canBeAssigned(repo, login))
    .map((login) => ({ resource: 'Issue', code: 'invalid', field: 'assignees', value: login }));
  if (errors.length > 0) throw GitHubError.validationFailed(ctx.operation.docsUrl, errors);
}

/**
 * The fake's repositories have no milestones and no issue types, so naming one is naming something
 * that does not exist, which GitHub refuses with 422.
 */
export function refuseMilestoneAndType(ctx: OperationContext, body: { milestone?: unknown; type?: unknown }): void {
  const errors: ValidationErrorItem[] = [];
  if (body.milestone !== undefined && body.milestone !== null) {
    errors.push({ resource: 'Issue', code: 'invalid', field: 'milestone', value: typeof body.milestone === 'number' ? body.milestone : String(body.milestone) });
  }
  if (body.type !== undefined && body.type !== null) errors.push({ resource: 'Issue', code: 'invalid', field: 'type', value: String(body.type) });
  if (errors.length > 0) throw GitHubError.validationFailed(ctx.operation.docsUrl, errors);
}

/** `title: 42` is allowed by the schema and becomes "42"; an empty title is a missing one. */
export function titleText(ctx: OperationContext, title: unknown): string {
  const text = String(title);
  if (text.trim().length === 0) throw GitHubError.validationFailed(ctx.operation.docsUrl, [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
  return text;
}

/** The assignees a create or edit asks for: `assignees` wins; the old singular `assignee` otherwise. */
export function requestedAssignees(body: { assignees?: unknown[]; assignee?: string | null }): string[] | undefined {
  if (body.assignees !== undefined) return assigneeLogins(body.assignees);
  if (body.assignee === null) return [];
  if (typeof body.assignee === 'string') return [body.assignee];
  return undefined;
}
