/** The general documentation link GitHub gives when an error belongs to no one operation. */
export const REST_DOCS_URL = 'https://docs.github.com/rest';

/** One entry of a 422 answer's `errors`, in GitHub's words (`missing_field`, `invalid`, ...). */
export interface ValidationErrorItem {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field?: string;
  /** Which item of an array field. */
  index?: number;
  message?: string;
  value?: string | number | string[];
}

/**
 * An error answer exactly as GitHub sends it: status, JSON body (`message`, `documentation_url`,
 * and since 2024 `status` as a string) and any headers. Operations throw it; the server writes it.
 */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${String(body.message)}`);
    this.name = 'GitHubError';
  }

  static basic(status: number, message: string, documentationUrl = REST_DOCS_URL): GitHubError {
    return new GitHubError(status, { message, documentation_url: documentationUrl, status: String(status) });
  }

  static notFound(documentationUrl = REST_DOCS_URL): GitHubError {
    return GitHubError.basic(404, 'Not Found', documentationUrl);
  }

  static validationFailed(documentationUrl: string, errors: ValidationErrorItem[]): GitHubError {
    return new GitHubError(422, { message: 'Validation Failed', errors, documentation_url: documentationUrl, status: '422' });
  }
}
