import { AppError } from '../../errors';

/**
 * A field Slack's answer must carry (a posted message's `ts`, a new channel's `id`). An answer
 * without it is Slack failing, so it is reported as one instead of being stored as `undefined`.
 */
export function requiredField<T>(value: T | null | undefined, method: string, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new AppError('slack_refused', `Slack's answer to ${method} had no ${field}. Try again in a moment.`);
  }
  return value;
}
