/**
 * An error the product expects and knows how to explain. `code` is stable (tests and the
 * Slack surface branch on it); `message` is written for the person who caused it.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
