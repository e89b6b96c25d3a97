import type { ActionItem } from '../action-items/action-item';
import { type ItemProgress, itemProgress } from '../action-items/item-progress';

/** What became of a past incident's action items: how many, and how many of each. */
export interface ItemOutcomes {
  total: number;
  counts: Partial<Record<ItemProgress, number>>;
}

/** Best outcome first: whoever reads it asks "did the fix work?". */
const ORDER: readonly ItemProgress[] = ['verified', 'done', 'unconfirmed', 'reopened', 'open', 'wont_do'];

/** Short words, as they sit in one line after a count ("1 verified, 1 won't do"). */
const WORDS: Record<ItemProgress, string> = {
  verified: 'verified',
  done: 'done',
  unconfirmed: 'done, not confirmed to work',
  reopened: 'reopened as not effective',
  open: 'open',
  wont_do: "won't do",
};

export function itemOutcomes(items: readonly Pick<ActionItem, 'status' | 'verification' | 'verificationNote'>[]): ItemOutcomes {
  const counts: Partial<Record<ItemProgress, number>> = {};
  for (const item of items) {
    const progress = itemProgress(item);
    counts[progress] = (counts[progress] ?? 0) + 1;
  }
  return { total: items.length, counts };
}

/** `2 items: 1 verified, 1 won't do`; `No action items` when there were none. Plain text, for any surface. */
export function outcomesText(outcomes: ItemOutcomes): string {
  if (outcomes.total === 0) return 'No action items';
  const parts = ORDER.flatMap((progress) => (outcomes.counts[progress] ? [`${outcomes.counts[progress]} ${WORDS[progress]}`] : []));
  // Semicolons when a part has its own comma, so the list still reads as one per outcome.
  const separator = parts.some((p) => p.includes(',')) ? '; ' : ', ';
  return `${outcomes.total} ${outcomes.total === 1 ? 'item' : 'items'}: ${parts.join(separator)}`;
}
