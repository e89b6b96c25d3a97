import { AppError } from '../../errors';
import { slackCall, slackErrorCode } from './slack-call';

/** Slack's answers meaning the person cannot get DMs any more (deactivated, deleted, a bot). */
const PERSON_GONE = new Set(['user_not_found', 'user_disabled', 'cannot_dm_bot', 'user_is_bot', 'users_not_found', 'account_inactive']);

/**
 * Makes a call that reaches one person (opening or posting in their DM). Slack's ways of saying
 * they are gone become the one thing callers need to know: an `owner_unreachable` AppError whose
 * message is `gone` ("the action item's owner cannot receive messages.").
 */
export async function reachPerson<T>(call: () => Promise<T>, gone: string): Promise<T> {
  try {
    return await slackCall(call);
  } catch (error) {
    if (PERSON_GONE.has(slackErrorCode(error) ?? '')) throw new AppError('owner_unreachable', gone, { cause: error });
    throw error;
  }
}
