import { loadIncident } from '../incidents/incident-queries';
import type { AccountDeps } from './account-deps';
import { accountsOf } from './account-queries';
import { cancelReminders } from './accounts.repository';

/**
 * Once the post-mortem is published, accounts are closed: no reminder goes out any more, and each
 * request in people's DMs says so instead of offering a form that would be refused. Showing is
 * best effort; the published post-mortem does not wait on it.
 */
export async function closeAccounts(deps: AccountDeps, incidentId: string): Promise<void> {
  await cancelReminders(deps.db, incidentId);
  const incident = await loadIncident(deps.db, incidentId);
  for (const account of await accountsOf(deps.db, incidentId)) {
    if (!account.dm) continue;
    await deps.port.showState(account, incident).catch((err: unknown) => deps.logger.warn({ err, incidentId }, 'could not close an account request'));
  }
}
