import { ErrorCode as WebApiErrorCode } from '@slack/web-api';
import { AppError, isAppError } from '../../errors';

/** Slack's error codes, told in plain words for the person who is waiting. */
const PLAIN_WORDS: Record<string, string> = {
  restricted_action:
    'your Slack workspace does not let this app do that (restricted_action). A workspace admin can allow apps to create channels.',
  not_in_channel: 'the bot is not a member of that channel. Invite it with `/invite @incident-bot` and try again.',
  channel_not_found: 'Slack cannot find that channel, or the bot cannot see it.',
  is_archived: 'that channel is archived.',
  missing_scope: 'the app lacks a permission it needs. Re-apply manifest.yml to the Slack app and reinstall it.',
  user_is_restricted: 'guest accounts cannot be invited to this channel.',
  cant_invite: 'one of the people could not be invited.',
  user_not_found: 'one of the people no longer exists in this workspace.',
  invalid_auth: 'Slack rejected the bot token. An admin needs to reinstall the app.',
  account_inactive: 'Slack rejected the bot token. An admin needs to reinstall the app.',
  token_revoked: 'Slack rejected the bot token. An admin needs to reinstall the app.',
};

const RATE_LIMITED = 'Slack is rate-limiting the bot right now. Wait a minute and try again.';

interface WebApiFailure {
  code?: string;
  data?: { error?: string };
  statusCode?: number;
  original?: Error;
}

/**
 * Slack's own error code (`not_in_channel`, `message_not_found`…) of a failed Web API call, also
 * when it was already turned into an {@link AppError}; undefined for anything else.
 */
export function slackErrorCode(error: unknown): string | undefined {
  const e = (isAppError(error) ? error.cause : error) as WebApiFailure | undefined;
  if (e?.code === WebApiErrorCode.PlatformError && e.data?.error) return e.data.error;
  return isAppError(error) && error.code === 'slack_rate_limited' ? 'ratelimited' : undefined;
}

/** Turns whatever a Web API call threw into an {@link AppError} with plain words; Slack's error is its cause. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as WebApiFailure;
  if (e.code === WebApiErrorCode.PlatformError && e.data?.error) {
    const code = e.data.error;
    if (code === 'ratelimited') return new AppError('slack_rate_limited', RATE_LIMITED, { cause: error });
    return new AppError('slack_refused', PLAIN_WORDS[code] ?? `Slack refused the request (${code}).`, { cause: error });
  }
  // Once its retries are spent on 429s, the client reports a request error saying so.
  const rateLimitedRetries = e.code === WebApiErrorCode.RequestError && /rate limit was exceeded/i.test(String(e.original?.message));
  if (e.code === WebApiErrorCode.RateLimitedError || e.statusCode === 429 || rateLimitedRetries) {
    return new AppError('slack_rate_limited', RATE_LIMITED, { cause: error });
  }
  if (e.code === WebApiErrorCode.HTTPError) {
    return new AppError('slack_unavailable', `Slack is having trouble right now (HTTP ${e.statusCode}). Try again in a moment.`, {
      cause: error,
    });
  }
  return new AppError('slack_unavailable', 'Slack did not answer in time. Try again in a moment.', { cause: error });
}

/** Runs a Web API call, translating its failure into an {@link AppError}. */
export async function slackCall<T>(call: () => Promise<T>): Promise<T>;
/** The same, where Slack's error codes in `tolerate` mean "already done": those give undefined. */
export async function slackCall<T>(call: () => Promise<T>, tolerate: readonly string[]): Promise<T | undefined>;
export async function slackCall<T>(call: () => Promise<T>, tolerate: readonly string[] = []): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code && tolerate.includes(code)) return undefined;
    throw toAppError(error);
  }
}
