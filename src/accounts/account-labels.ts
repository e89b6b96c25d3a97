import { roleNamer } from '../mrkdwn/plain-text';
import type { Account } from './account';

/**
 * How each written account is signed where it is read, by writer: their name (as `person` gives
 * it), or "Responder A", "Responder B"… in the order they were first written when the writer
 * chose to stay anonymous. In an anonymised post-mortem `anonymousNamer` is the document's own
 * role namer, given a key no person has, so an anonymous account never shares a letter with
 * anyone in the rest of the document.
 */
export function accountLabels(
  accounts: Account[],
  person: (userId: string) => string,
  anonymousNamer: (key: string) => string = roleNamer(null),
): Map<string, string> {
  const labels = new Map<string, string>();
  for (const account of writtenInOrder(accounts)) {
    labels.set(account.userId, account.anonymous ? anonymousNamer(`anonymous-account:${account.userId}`) : person(account.userId));
  }
  return labels;
}

/** The written accounts, first written first. */
export function writtenInOrder(accounts: Account[]): Account[] {
  return accounts
    .filter((a) => a.state === 'written')
    .sort((a, b) => (a.answeredAt?.getTime() ?? 0) - (b.answeredAt?.getTime() ?? 0) || a.userId.localeCompare(b.userId));
}
