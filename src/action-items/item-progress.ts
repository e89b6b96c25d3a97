import type { ActionItem } from './action-item';

/**
 * Where an item stands, done → verified included: `done` waits for (or needs no) check,
 * `verified` was confirmed to work, `unconfirmed` was asked about as often as the bot asks and
 * nobody could say. An open item reopened because it did not work is `reopened`.
 */
export type ItemProgress = 'open' | 'reopened' | 'done' | 'verified' | 'unconfirmed' | 'wont_do';

export function itemProgress(item: Pick<ActionItem, 'status' | 'verification' | 'verificationNote'>): ItemProgress {
  if (item.status === 'wont_do') return 'wont_do';
  if (item.status === 'open') return item.verificationNote ? 'reopened' : 'open';
  if (item.verification?.status === 'verified') return 'verified';
  if (item.verification?.status === 'unconfirmed') return 'unconfirmed';
  return 'done';
}

/** The words for each, as every surface shows them. */
export const PROGRESS_WORDS: Record<ItemProgress, string> = {
  open: 'open',
  reopened: 'reopened: not effective',
  done: 'done',
  verified: 'done → verified',
  unconfirmed: 'done, not confirmed to work',
  wont_do: "won't do",
};

/** Every item done and confirmed to work (won't-do items aside, and at least one verified): what a post-mortem can then say of itself. */
export function allVerified(items: readonly Pick<ActionItem, 'status' | 'verification' | 'verificationNote'>[]): boolean {
  const kept = items.filter((item) => item.status !== 'wont_do');
  return kept.length > 0 && kept.every((item) => itemProgress(item) === 'verified' || (item.status === 'done' && item.verification?.status === 'not_needed')) && kept.some((item) => itemProgress(item) === 'verified');
}
