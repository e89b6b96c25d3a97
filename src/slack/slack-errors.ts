import { ErrorCode } from '@slack/web-api';
import { AppError, isAppError } from '../errors';

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
  ratelimited: 'Slack is rate-limiting the bot right now. Wait a minute and try again.',
  invalid_auth: 'Slack rejected the bot token. An admin needs to reinstall the app.',
  account_inactive: 'Slack rejected the bot token. An admin needs to reinstall the app.',
  token_revoked: 'Slack rejected the bot token. An admin needs to reinstall the app.',
};

/** Turns whatever a Web API call threw into an {@link AppError} with a stable code and plain words. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
  if (e.code === ErrorCode.PlatformError && e.data?.error) {
    const code = e.data.error;
    return new AppError(code, PLAIN_WORDS[code] ?? `Slack refused the request (${code}).`, { cause: error });
  }
  // Once its retries are spent on 429s, the client reports a request error saying so.
  const rateLimitedRetries = e.code === ErrorCode.RequestError && /rate limit was exceeded/i.test(String((error as { original?: Error }).original?.message));
  if (e.code === ErrorCode.RateLimitedError || e.statusCode === 429 || rateLimitedRetries) {
    return new AppError('ratelimited', PLAIN_WORDS.ratelimited as string, { cause: error });
  }
  if (e.code === ErrorCode.HTTPError) {
    return new AppError('slack_unavailable', `Slack is having trouble right now (HTTP ${e.statusCode}). Try again in a moment.`, {
      cause: error,
    });
  }
  return new AppError('slack_unavailable', 'Slack did not answer in time. Try again in a moment.', { cause: error });
}

/** Runs a Web API call, translating its failure; `tolerate` lists error codes that mean "already done". */
export async function slackCall<T>(call: () => Promise<T>, tolerate: string[] = []): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const appError = toAppError(error);
    if (tolerate.includes(appError.code)) return undefined;
    throw appError;
  }
}
