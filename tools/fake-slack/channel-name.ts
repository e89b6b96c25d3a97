export const CHANNEL_NAME_MAX_LENGTH = 80;

/**
 * Slack's channel naming rules, as the error code conversations.create/rename would return;
 * undefined for a valid name. Slack does not lower-case for you: "Inc-42" is refused.
 */
export function channelNameError(name: string | undefined): string | undefined {
  if (name === undefined || name.length === 0) return 'invalid_name_required';
  if ([...name].length > CHANNEL_NAME_MAX_LENGTH) return 'invalid_name_maxlength';
  // Lower-case letters of any script, letters that have no case (e.g. CJK), digits, - and _.
  if (!/^[\p{Ll}\p{Lo}\p{Nd}_-]+$/u.test(name)) return 'invalid_name_specials';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}
