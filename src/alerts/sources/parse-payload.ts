import { z } from 'zod';
import { AppError } from '../../errors';

/** Problems named in one error; a payload wrong in a thousand places needs only the first few. */
const MAX_PROBLEMS = 3;

/**
 * Reads a payload with its schema, or throws `invalid_input` naming each problem as a path and
 * an expectation (`alerts[0].startsAt: expected an RFC 3339 time`), so whoever configured the
 * sender can find the field without our source code.
 */
export function parsePayload<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body, { error: describeIssue });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = problems.length > MAX_PROBLEMS ? ` (and ${problems.length - MAX_PROBLEMS} more)` : '';
  throw new AppError('invalid_input', problems.slice(0, MAX_PROBLEMS).join('; ') + more);
}

/** The same error for a problem found after the schema, e.g. one that depends on two fields. */
export function invalidPayload(path: ReadonlyArray<PropertyKey>, expectation: string): AppError {
  return new AppError('invalid_input', `${formatPath(path)}: ${expectation}`);
}

/** `alerts[0].labels.team`; a name that is not a plain identifier is quoted: `details["a b"]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return 'body';
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return i === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}

/** Words for zod's issues; undefined keeps a message the schema wrote itself. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : `expected ${withArticle(issue.expected)}, got ${kindOf(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined) return 'required';
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${preview(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      if (issue.origin === 'array') return `expected at least ${String(issue.minimum)}`;
      return undefined;
    default:
      return undefined;
  }
}

function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return withArticle(typeof value);
}

/** A short, quoted echo of a wrong value, so a long one does not flood the reply. */
export function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return typeof value === 'string' ? JSON.stringify(short) : short;
}
