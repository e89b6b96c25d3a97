import type { ValidationErrorItem } from './github-error';
import type { SchemaProblem } from './github-schemas';

/** The `resource` GitHub names in a 422 for each operation's body or parameters. */
export function resourceOf(operationId: string): string {
  if (operationId === 'issues/create-comment' || operationId === 'issues/list-comments') return 'IssueComment';
  if (operationId.startsWith('issues/')) return 'Issue';
  if (operationId.startsWith('search/')) return 'Search';
  if (operationId.startsWith('pulls/')) return 'PullRequest';
  if (operationId.startsWith('git/')) return 'Reference';
  if (operationId.startsWith('repos/')) return 'Repository';
  return 'User';
}

function reportable(value: unknown): ValidationErrorItem['value'] | undefined {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

/**
 * Schema problems as the `errors` of GitHub's 422: `missing_field` for a required field that is
 * absent, `invalid` (with the offending value, when GitHub's schema lets it be shown) for any other,
 * one entry per field. `checked` is the value that was validated (the body, or the parameters).
 */
export function toValidationErrors(resource: string, problems: SchemaProblem[], checked: unknown): ValidationErrorItem[] {
  const out: ValidationErrorItem[] = [];
  const seen = new Set<string>();
  for (const problem of problems) {
    const segments = problem.path.split('/').slice(1);
    if (problem.missingProperty) segments.push(problem.missingProperty);
    const field = segments[0];
    const index = segments[1] !== undefined && /^\d+$/.test(segments[1]) ? Number(segments[1]) : undefined;
    const id = `${field ?? ''} ${index ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (problem.keyword === 'required' && segments.length === 1) {
      out.push({ resource, code: 'missing_field', field: field! });
      continue;
    }
    const value = field !== undefined && checked && typeof checked === 'object' ? reportable((checked as Record<string, unknown>)[field]) : undefined;
    out.push({
      resource,
      code: 'invalid',
      ...(field !== undefined ? { field } : {}),
      ...(index !== undefined ? { index } : {}),
      message: problem.message,
      ...(value !== undefined ? { value } : {}),
    });
  }
  return out;
}
