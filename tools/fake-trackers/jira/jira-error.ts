/** Jira's `ErrorCollection`: messages about the request, and messages keyed by the field at fault. */
export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

/**
 * A refusal the way Jira words it. Operations throw it; the server turns it into the status and
 * `ErrorCollection` body, so every failure has the one shape the bot must parse.
 */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[] = [],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.entries(errors).map(([field, message]) => `${field}: ${message}`).join('; '));
    this.name = 'JiraError';
  }

  get body(): ErrorCollection {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }

  /** A 400 about individual fields, as create, edit and transition answer. */
  static fields(errors: Record<string, string>): JiraError {
    return new JiraError(400, [], errors);
  }
}

/** Jira answers a missing issue and one the caller may not browse alike, so nobody learns it exists. */
export const issueNotFound = (): JiraError => new JiraError(404, ['Issue does not exist or you do not have permission to see it.']);
