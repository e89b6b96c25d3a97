/**
 * Why a git operation failed, as the caller needs to act on it:
 * - `unreachable`: the remote did not answer (DNS, refused, timed out); retry later.
 * - `auth`: the remote refused our credentials or key; an operator must fix the configuration.
 * - `not_found`: the repository, or the configured branch of a non-empty repository, does not exist.
 * - `not_writable`: we may read but not push (read-only token or deploy key, receive-pack disabled).
 * - `rejected`: the remote refused this push (a hook, a protected branch), or the branch kept
 *   moving under us through every attempt; retry later.
 * - `invalid_change`: the change itself cannot be written (an unsafe path, no files); never retry.
 * - `corrupt`: the working copy stayed unusable even after it was rebuilt.
 * - `failed`: anything else.
 */
export const GIT_ERROR_CODES = [
  'unreachable',
  'auth',
  'not_found',
  'not_writable',
  'rejected',
  'invalid_change',
  'corrupt',
  'failed',
] as const;

export type GitErrorCode = (typeof GIT_ERROR_CODES)[number];

/** A git failure with a stable code and a message of one plain line that never holds credentials. */
export class GitError extends Error {
  constructor(
    readonly code: GitErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export function isGitError(error: unknown): error is GitError {
  return error instanceof GitError;
}
