import { replaceMentions } from './mention';

/**
 * Turns Slack-formatted text (a captured message) into plain text as a reader sees it: people by
 * `person`, channels by name, links as "label (url)", broadcasts as words, entities decoded.
 * Each renderer escapes the result for its own medium.
 */
export function plainFromSlack(text: string, person: (userId: string) => string): string {
  return replaceMentions(text, (id) => `@${person(id)}`)
    .replace(/<#C[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<#C[A-Z0-9]+>/g, '#channel')
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label: string | undefined) => label ?? '@group')
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:\/\/[^|>]+|mailto:[^|>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Names people by role for an anonymised post-mortem: the commander is "Commander", everyone
 * else "Responder A", "Responder B"… in order of first appearance, the same letter every time.
 */
export function roleNamer(commanderId: string | null): (userId: string) => string {
  const letters = new Map<string, string>();
  return (userId: string) => {
    if (userId === commanderId) return 'Commander';
    let letter = letters.get(userId);
    if (!letter) {
      letter = responderLetter(letters.size);
      letters.set(userId, letter);
    }
    return `Responder ${letter}`;
  };
}

function responderLetter(index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < 26 ? (alphabet[index] as string) : `${alphabet[Math.floor(index / 26) - 1]}${alphabet[index % 26]}`;
}
