import { toStoredInstant } from '../db/instant';
import { isAppError } from '../errors';
import { loadIncident } from '../incidents/incident-queries';
import type { Updateable } from 'kysely';
import type { AccountDeps } from './account-deps';
import { toAccount } from './account-mapper';
import { accountOf } from './account-queries';
import { showSavedAccount } from './save-account';
import { type AccountWork, type ClaimedAccount, claimAccountWork, finishAccountWork } from './accounts.repository';
import type { ParticipantAccountsTable } from './accounts.table';
import { askResolvedIncidents } from './request-accounts';

/** The one reminder goes this long after the request, to whoever has neither written nor declined. */
export const REMIND_AFTER_MS = 24 * 3_600_000;
/** How long a pass may hold a row it is sending before another may take it over. */
export const ACCOUNT_LEASE_MS = 2 * 60_000;
/** Waits after failed sends; after the last, the person is left alone. */
export const ACCOUNT_RETRY_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
/** Rows handled per pass: a large backlog drains over a few passes. */
const BATCH = 500;
/** Rows claimed at a time: each claim runs from when it is taken, and is sent well within it. */
const CLAIM_CHUNK = 50;
/** How far back a DM is searched for a send cut short. */
const LOOK_BACK_MS = 2 * 86_400_000;

export interface AccountsPass {
  asked: number;
  reminded: number;
}

/**
 * One background pass: asks the participants of newly resolved incidents, sends the requests
 * that are due, and the one reminder a day later. Each row is claimed before its DM is sent, so
 * two replicas never send the same one; a claim left by a crash is taken over after it expires,
 * and the DM is searched first so a message that went out just before the crash is not sent again.
 */
export async function askForAccounts(deps: AccountDeps): Promise<AccountsPass> {
  await askResolvedIncidents(deps);
  return { asked: await sendDue(deps, 'ask'), reminded: await sendDue(deps, 'remind') };
}

async function sendDue(deps: AccountDeps, work: AccountWork): Promise<number> {
  let sent = 0;
  for (let handled = 0; handled < BATCH; ) {
    const claimedAt = deps.clock.now();
    const lease = toStoredInstant(new Date(claimedAt.getTime() + ACCOUNT_LEASE_MS));
    const claimed = await claimAccountWork(deps.db, work, toStoredInstant(claimedAt), lease, Math.min(CLAIM_CHUNK, BATCH - handled));
    if (claimed.length === 0) break;
    handled += claimed.length;
    for (const item of claimed) {
      if (await sendOne(deps, work, item, lease)) sent += 1;
    }
  }
  return sent;
}

async function sendOne(deps: AccountDeps, work: AccountWork, { row, wasClaimed }: ClaimedAccount, lease: string): Promise<boolean> {
  const { port } = deps;
  const now = deps.clock.now();
  const log = deps.logger.child({ incidentId: row.incident_id, userId: row.user_id, work });
  // What the work changes applies only while the row is as it was claimed: someone who wrote or
  // declined meanwhile keeps their answer. Where the DM is, and the attempts, are kept either way.
  const state = work === 'ask' ? 'to_ask' : 'asked';
  const finish = (changes: Updateable<ParticipantAccountsTable>, always: Updateable<ParticipantAccountsTable> = {}) =>
    finishAccountWork(deps.db, { incidentId: row.incident_id, userId: row.user_id, lease, state }, { ...always, updated_at: toStoredInstant(deps.clock.now()) }, changes);
  try {
    const incident = await loadIncident(deps.db, row.incident_id);
    // Published meanwhile: accounts are closed, and nobody is asked or reminded any more.
    if (incident.status === 'postmortem_published') {
      await finish(work === 'ask' ? { state: 'not_asked', retry_at: null } : { remind_at: null });
      return false;
    }
    // Someone who left a private incident's channel is no longer asked about it.
    if (incident.isPrivate && !(incident.channelId && (await deps.members.isMember(incident.channelId, row.user_id)))) {
      await finish(work === 'ask' ? { state: 'not_asked', retry_at: null } : { remind_at: null });
      return false;
    }
    const dmChannel = row.dm_channel ?? (await port.dmChannelOf(row.user_id));
    const retried = wasClaimed || row.attempts > 0;
    const since = new Date(now.getTime() - LOOK_BACK_MS);
    const found = retried ? await port.sentBefore(dmChannel, row.incident_id, work, since) : undefined;
    if (found) log.info('the DM was sent before an interruption; recording it');
    const account = toAccount(row);
    const ts = found ?? (await port.ask(account, incident, dmChannel, work));
    const at = toStoredInstant(now);
    if (work === 'ask') {
      const asked = await finish(
        { state: 'asked', asked_at: at, remind_at: toStoredInstant(new Date(now.getTime() + REMIND_AFTER_MS)), retry_at: null },
        { dm_channel: dmChannel, dm_ts: ts, attempts: 0 },
      );
      log.info('account requested');
      // They answered while the request was on its way: it shows what they did instead of asking.
      if (!asked) await showSavedAccount(deps, { account: (await accountOf(deps.db, row.incident_id, row.user_id))!, incident });
    } else {
      await finish({ remind_at: null, reminded_at: at, attempts: 0 });
      log.info('account reminder sent');
    }
    return true;
  } catch (error) {
    const code = isAppError(error) ? error.code : 'unexpected';
    const attempts = row.attempts + 1;
    const wait = ACCOUNT_RETRY_MS[attempts - 1];
    if (code === 'owner_unreachable' || wait === undefined) {
      await finish(work === 'ask' ? { state: 'unreachable', retry_at: null } : { remind_at: null }, { attempts });
      log.warn({ err: error, code, attempts }, 'cannot reach this person; they are not asked again');
      return false;
    }
    const retryAt = toStoredInstant(new Date(now.getTime() + wait));
    await finish(work === 'ask' ? { retry_at: retryAt } : { remind_at: retryAt }, { attempts });
    log.warn({ err: error, code, attempts, retryAt }, 'could not send the account DM; will retry');
    return false;
  }
}

