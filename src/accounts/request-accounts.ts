import { fromStoredInstant, toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import type { Incident } from '../incidents/incident';
import { loadIncident, resolvedIncidentsSince } from '../incidents/incident-queries';
import { requireMember } from '../incidents/require-member';
import type { AccountDeps } from './account-deps';
import { accountsClosed, insertAccountRequests, lastAskedAt, recordAccountRound } from './accounts.repository';
import { participantsOf } from './participants-of';

/** Resolved incidents this recent still ask their participants (after downtime, say); older ones are left alone. */
export const ASK_WITHIN_MS = 7 * 86_400_000;

export interface AccountsRequested {
  /** People asked now. */
  added: string[];
  /** Everyone asked, now or before. */
  participants: string[];
}

/** Accounts can be written and changed until the post-mortem is published. */
export async function requireAccountsOpen(deps: Pick<AccountDeps, 'db'>, incident: Incident): Promise<void> {
  if (incident.status === 'postmortem_published' || (await accountsClosed(deps.db, incident.id))) {
    throw new AppError('accounts_closed', 'its post-mortem is published, so accounts can no longer be written or changed.');
  }
}

/**
 * Asks every participant of the incident for their account (`/incident accounts request`): the
 * requests are stored, and the background pass sends the DMs. Asking again asks only people who
 * joined in since; nobody is asked twice.
 */
export async function requestAccounts(deps: AccountDeps, incidentId: string, requestedBy: string): Promise<AccountsRequested> {
  const incident = await requireMember(deps.members, await loadIncident(deps.db, incidentId), requestedBy, 'ask for accounts');
  await requireAccountsOpen(deps, incident);
  return askParticipants(deps, incident, requestedBy);
}

async function askParticipants(deps: AccountDeps, incident: Incident, requestedBy: string | null): Promise<AccountsRequested> {
  const now = toStoredInstant(deps.clock.now());
  const participants = await participantsOf(deps, incident);
  // Together or not at all: a round recorded without its requests would never be asked again.
  const added = await deps.db.transaction().execute(async (trx) => {
    await recordAccountRound(trx, incident.id, requestedBy, now);
    return insertAccountRequests(trx, incident.id, participants, now);
  });
  deps.logger.info({ incidentId: incident.id, asked: added.length, participants: participants.length }, 'accounts requested');
  if (added.length > 0) deps.requested?.();
  return { added, participants };
}

/**
 * Resolving an incident of a severity that owes a post-mortem asks its participants, once: found
 * here by the background pass rather than by the resolve itself, so a crash between the two
 * loses nothing. An incident asked only before it was resolved (`/incident accounts request`
 * while it ran, or an earlier resolution) is asked again, which reaches only people new to it.
 */
export async function askResolvedIncidents(deps: AccountDeps): Promise<number> {
  const since = new Date(deps.clock.now().getTime() - ASK_WITHIN_MS);
  const resolved = await resolvedIncidentsSince(deps.db, since, deps.policy.requiredFor);
  const lastAsked = await lastAskedAt(deps.db, resolved.map((i) => i.id));
  const due = (incident: Incident) => {
    const at = lastAsked.get(incident.id);
    return at === undefined || (incident.resolvedAt !== null && fromStoredInstant(at).getTime() < incident.resolvedAt.getTime());
  };
  let asked = 0;
  for (const incident of resolved.filter(due)) {
    try {
      asked += (await askParticipants(deps, incident, null)).added.length;
    } catch (err) {
      deps.logger.warn({ err, incidentId: incident.id }, 'could not ask for accounts; will try again');
    }
  }
  return asked;
}
