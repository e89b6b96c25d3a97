import type { ActionItem, ActionItemStatus } from '../action-items/action-item';
import type { IssueState } from './tracker';

/** The state an item's issue should be in. */
export function issueStateOf(status: ActionItemStatus): IssueState {
  return status === 'done' ? 'done' : status === 'wont_do' ? 'not_planned' : 'open';
}

/** What a state reported by the tracker means for the item: close it, reopen it, or nothing. */
export type ItemChangeFromIssue = { kind: 'close'; status: 'done' | 'wont_do' } | { kind: 'reopen' } | { kind: 'none' };

/**
 * Reads a reported issue state against the item. `known` is what the bot last left the issue as:
 * a report of that same state is the bot's own change coming back (or nothing new) and changes
 * nothing, so a change never echoes between Slack and the tracker. A closed issue closes an open
 * item; a reopened issue reopens a closed one; done and not planned swapped while closed leave it.
 */
export function itemChangeFromIssue(reported: IssueState, known: IssueState | null, item: Pick<ActionItem, 'status'>): ItemChangeFromIssue {
  if (reported === known) return { kind: 'none' };
  if (reported === 'open') return item.status === 'open' ? { kind: 'none' } : { kind: 'reopen' };
  if (item.status !== 'open') return { kind: 'none' };
  return { kind: 'close', status: reported === 'done' ? 'done' : 'wont_do' };
}
