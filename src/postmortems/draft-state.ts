import type { Kysely } from 'kysely';
import { type Account, accountProgress } from '../accounts/account';
import { accountLabels, writtenInOrder } from '../accounts/account-labels';
import { accountsOf } from '../accounts/account-queries';
import { reviewAccount } from '../accounts/self-blame';
import type { ActionItem } from '../action-items/action-item';
import { actionItemsFor } from '../action-items/action-item-service';
import type { Database } from '../db/database';
import { reviewBlameless } from './blameless-review';
import { type BlamelessNote, MIN_CAUSES, type PostmortemContent, causeCount } from './postmortem';
import type { PostmortemDeps } from './postmortem-deps';
import { postmortemFor } from './postmortem-queries';
import type { DraftState } from './review-meeting';

export interface DraftNotes {
  draft: BlamelessNote[];
  accounts: BlamelessNote[];
}

/** The draft, its action items and its participants' accounts, read once for the notes and the state. */
async function loadDraft(db: Kysely<Database>, incidentId: string) {
  const [{ content }, items, accounts] = await Promise.all([postmortemFor(db, incidentId), actionItemsFor(db, incidentId), accountsOf(db, incidentId)]);
  return { content, items, accounts };
}

/**
 * The blameless notes on the draft, and, apart, those on its participants' accounts: only their
 * writers can change an account, so its notes inform the author and never hold publishing up.
 * Accounts are named as the author may see them: by `person`, or by role when their writer chose
 * to stay anonymous.
 */
function notesOf(content: PostmortemContent, items: ActionItem[], accounts: Account[], person: (userId: string) => string): DraftNotes {
  const written = writtenInOrder(accounts);
  const labels = accountLabels(written, person);
  return {
    draft: reviewBlameless(content, items),
    accounts: written.flatMap((a) => reviewAccount(a.answers, `Account of ${labels.get(a.userId)}`)),
  };
}

export async function draftState(db: Kysely<Database>, incidentId: string): Promise<DraftState> {
  const { content, items, accounts } = await loadDraft(db, incidentId);
  const missing: string[] = [];
  if (!content.summary.trim()) missing.push('summary');
  if (!content.impact.trim()) missing.push('impact');
  const causes = causeCount(content);
  if (causes < MIN_CAUSES) missing.push(`causes (${causes} of at least ${MIN_CAUSES})`);
  if (content.wentWell.length + content.wentWrong.length + content.gotLucky.length === 0) missing.push('lessons');
  if (items.length === 0) missing.push('action items');
  const notes = notesOf(content, items, accounts, (id) => id);
  return { accounts: accountProgress(accounts), missing, notesOpen: notes.draft.length + notes.accounts.length };
}

/**
 * The notes as the author reviews them, accounts signed with their writers' names (or roles).
 * Names are asked of the chat only when an account has a note to sign.
 */
export async function notesForAuthor(deps: Pick<PostmortemDeps, 'db' | 'port'>, incidentId: string): Promise<DraftNotes> {
  const { content, items, accounts } = await loadDraft(deps.db, incidentId);
  const unnamed = notesOf(content, items, accounts, (id) => id);
  if (unnamed.accounts.length === 0) return unnamed;
  const named = accounts.filter((a) => a.state === 'written' && !a.anonymous).map((a) => a.userId);
  const names = named.length ? await deps.port.displayNames(named) : new Map<string, string>();
  return notesOf(content, items, accounts, (id) => names.get(id) ?? id);
}
