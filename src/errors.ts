/**
 * Every error the product expects, by a stable code. Tests and the Slack surface branch on the
 * code; the message is written for the person who caused it. A failure of Slack itself is one of
 * the `slack_*` codes, with Slack's own error kept as `cause`.
 */
export const ERROR_CODES = [
  // Incidents
  'incident_not_found',
  'incident_not_ready',
  'incident_resolved',
  'invalid_resolution_note',
  'setup_in_progress',
  'channel_names_taken',
  'change_not_shown',
  'not_a_member',
  // Timeline
  'entry_not_found',
  'entry_not_editable',
  'invalid_entry',
  'bot_message',
  'too_many_entries',
  // Action items
  'action_item_not_found',
  'invalid_action_item',
  'too_many_action_items',
  'item_closed',
  'not_the_owner',
  'owner_unreachable',
  'reason_required',
  'reason_too_long',
  // Accounts and the review meeting
  'accounts_closed',
  // Alerts
  'alert_not_found',
  'alert_already_linked',
  // Any form
  'invalid_input',
  // Slack: refused the call, limited its rate, or did not answer
  'slack_refused',
  'slack_rate_limited',
  'slack_unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Problems with a form, by the domain's own field names; the Slack surface maps them to blocks. */
export type FieldProblems = Readonly<Record<string, string>>;

export class AppError extends Error {
  /** Field-by-field problems when the error is about what someone typed in a form. */
  readonly fields?: FieldProblems;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; fields?: FieldProblems },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    if (options?.fields) this.fields = options.fields;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Throws the form's problems as one error when there are any. */
export function throwIfProblems(fields: Partial<Record<string, string>>, code: ErrorCode = 'invalid_input'): void {
  const problems = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => Boolean(e[1])));
  if (Object.keys(problems).length > 0) throw new AppError(code, Object.values(problems).join(' '), { fields: problems });
}
