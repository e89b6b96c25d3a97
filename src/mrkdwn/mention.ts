/**
 * Slack's user-mention syntax, in one place: `<@U123>` or `<@U123|alice>`. Captured messages and
 * command text carry it; everything that reads or writes a mention goes through here.
 */
const USER_ID = '[UW][A-Z0-9]+';

/** Every `<@U…>` or `<@U…|label>` token; capture 1 is the user id, capture 2 the label if any. */
export const MENTION_PATTERN = new RegExp(`<@(${USER_ID})(?:\\|([^>]*))?>`, 'g');

/** A bare `<@U…>` token, as Slack writes a mention in message text. */
export const BARE_MENTION_PATTERN = new RegExp(`(<@${USER_ID}>)`);

/** The mrkdwn that shows a person by their Slack name, in every reader's client. */
export function mention(userId: string): string {
  return `<@${userId}>`;
}

/** A person by mention, or a plain word when nobody is known. */
export function mentionOr(userId: string | null | undefined, nobody = 'Someone'): string {
  return userId ? mention(userId) : nobody;
}

/** The incident commander, or a plain phrase while nobody has taken command. */
export function commanderMention(commanderId: string | null): string {
  return mentionOr(commanderId, '_nobody yet_');
}

/** The first person mentioned in the text, or null. */
export function firstMentionedUser(text: string): string | null {
  return new RegExp(MENTION_PATTERN.source).exec(text)?.[1] ?? null;
}

/** Every person mentioned in the text, in order of first mention, each once. */
export function mentionedUsers(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION_PATTERN)].map((m) => m[1] as string))];
}

/** Replaces each mention with what `show` makes of its user id and label. */
export function replaceMentions(text: string, show: (userId: string, label: string | undefined) => string): string {
  return text.replace(MENTION_PATTERN, (_m, id: string, label: string | undefined) => show(id, label));
}

/** A person named in text: a Slack mention or a typed `@name`. */
export const PERSON_NAMED_PATTERN = new RegExp(`(?:<@${USER_ID}(?:\\|[^>]*)?>|(?:^|\\s)@[a-z0-9][\\w.-]*)`, 'i');
