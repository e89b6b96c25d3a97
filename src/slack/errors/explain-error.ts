import { isAppError } from '../../errors';
import type { Logger } from '../../logger';

/** What a person is told when something failed that they could not have caused. */
export const UNEXPECTED_PROBLEM = 'Something went wrong on our side and it has been logged. Please try again.';

/** The words for a person: an expected error's own message, capitalised; nothing internal otherwise. */
export function explainError(error: unknown): string {
  if (!isAppError(error)) return UNEXPECTED_PROBLEM;
  return error.message.charAt(0).toUpperCase() + error.message.slice(1);
}

/** Logs a refused or failed request: a refusal we expect at warn, anything else at error with its stack. */
export function logFailure(logger: Logger, error: unknown, context: Record<string, unknown> = {}): void {
  if (isAppError(error)) logger.warn({ ...context, code: error.code, err: error.cause ?? error }, 'request refused');
  else logger.error({ ...context, err: error }, 'request failed');
}
