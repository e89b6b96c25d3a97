import { isAppError } from '../errors';
import type { Logger } from '../logger';

/**
 * The one place an error becomes words for a person. Expected errors carry their own message;
 * anything else is logged in full and reported without internals.
 */
export function describeError(error: unknown, logger: Logger, context: Record<string, unknown> = {}): string {
  if (isAppError(error)) {
    logger.warn({ ...context, code: error.code, err: error.cause ?? error }, 'request refused');
    return capitalise(error.message);
  }
  logger.error({ ...context, err: error }, 'request failed');
  return 'Something went wrong on our side and it has been logged. Please try again.';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
