import { toStoredInstant } from '../db/instant';
import { loadIncident } from '../incidents/incident-queries';
import type { AccountDeps } from './account-deps';
import { accountsOf } from './account-queries';
import { cancelReminders, setAccountsClosed } from './accounts.repository';
import { showSavedAccount } from './save-account';

/**
 * Closes the incident's accounts as publishing begins, before the post-mortem is put together: a
 * save from then on is refused (and the writer told) instead of being "saved" and missing from
 * what is published.
 */
export async function closeAccounts(deps: AccountDeps, incidentId: string): Promise<void> {
  const now = toStoredInstant(deps.clock.now());
  await setAccountsClosed(deps.db, incidentId, now, now);
}

/** Publishing failed before the post-mortem was published: its accounts can be written again. */
export async function reopenAccounts(deps: AccountDeps, incidentId: string): Promise<void> {
  await setAccountsClosed(deps.db, incidentId, null, toStoredInstant(deps.clock.now()));
}

/**
 * Once the post-mortem is published: no reminder goes out any more, and each request in people's
 * DMs says accounts are closed instead of offering a form that would be refused. Showing is best
 * effort; the published post-mortem does not wait on it.
 */
export async function tellAccountsClosed(deps: AccountDeps, incidentId: string): Promise<void> {
  await cancelReminders(deps.db, incidentId);
  const incident = await loadIncident(deps.db, incidentId);
  for (const account of await accountsOf(deps.db, incidentId)) await showSavedAccount(deps, { account, incident });
}
