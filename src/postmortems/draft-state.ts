import { accountProgress } from '../accounts/account';
import type { DraftState } from './review-meeting';
import { accountLabels, writtenInOrder } from '../accounts/account-labels';
import { accountsOf } from '../accounts/account-queries';
import { reviewAccount } from '../accounts/self-blame';
import { actionItemsFor } from '../action-items/action-item-service';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { reviewBlameless } from './blameless-review';
import { type BlamelessNote, MIN_CAUSES, causeCount } from './postmortem';
import { postmortemFor } from './postmortem-queries';
import type { PostmortemDeps } from './postmortem-deps';


/**
 * The blameless notes on the draft, and, apart, those on its participants' accounts: only their
 * writers can change an account, so its notes inform the author and never hold publishing up.
 * Accounts are named as the author may see them: by `person`, or by role when their writer chose
 * to stay anonymous.
 */
export async function draftNotes(db: Kysely<Database>, incidentId: string, person: (userId: string) => string): Promise<DraftNotes> {
  const postmortem = await postmortemFor(db, incidentId);
  const accounts = writtenInOrder(await accountsOf(db, incidentId));
  const labels = accountLabels(accounts, person);
  return {
    draft: reviewBlameless(postmortem.content, await actionItemsFor(db, incidentId)),
    accounts: accounts.flatMap((a) => reviewAccount(a.answers, `Account of ${labels.get(a.userId)}`)),
  };
}

export interface DraftNotes {
  draft: BlamelessNote[];
  accounts: BlamelessNote[];
}

export async function draftState(db: Kysely<Database>, incidentId: string): Promise<DraftState> {
  const { content } = await postmortemFor(db, incidentId);
  const missing: string[] = [];
  if (!content.summary.trim()) missing.push('summary');
  if (!content.impact.trim()) missing.push('impact');
  const causes = causeCount(content);
  if (causes < MIN_CAUSES) missing.push(`causes (${causes} of at least ${MIN_CAUSES})`);
  if (content.wentWell.length + content.wentWrong.length + content.gotLucky.length === 0) missing.push('lessons');
  if ((await actionItemsFor(db, incidentId)).length === 0) missing.push('action items');
  return {
    accounts: accountProgress(await accountsOf(db, incidentId)),
    missing,
    notesOpen: await draftNotes(db, incidentId, (id) => id).then((n) => n.draft.length + n.accounts.length),
  };
}

/**
 * The notes as the author reviews them, accounts signed with their writers' names (or roles).
 * Names are asked of the chat only when an account has a note to sign.
 */
export async function notesForAuthor(deps: Pick<PostmortemDeps, 'db' | 'port'>, incidentId: string): Promise<DraftNotes> {
  const unnamed = await draftNotes(deps.db, incidentId, (id) => id);
  if (unnamed.accounts.length === 0) return unnamed;
  const named = (await accountsOf(deps.db, incidentId)).filter((a) => a.state === 'written' && !a.anonymous).map((a) => a.userId);
  const names = named.length ? await deps.port.displayNames(named) : new Map<string, string>();
  return draftNotes(deps.db, incidentId, (id) => names.get(id) ?? id);
}
