/**
 * A Web API refusal: answered as HTTP 200 `{ ok: false, error, ...extra }`, as Slack does for
 * everything except rate limits and outages.
 */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }

  /** Slack's shape for malformed arguments: `[ERROR] ...` lines in response_metadata.messages. */
  static invalidArguments(problems: string[]): SlackApiError {
    return new SlackApiError('invalid_arguments', {
      response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) },
    });
  }
}
