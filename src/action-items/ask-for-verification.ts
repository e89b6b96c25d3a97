import { toStoredInstant, fromStoredInstant } from '../db/instant';
import { workClaimedChunks } from '../jobs/claimed-chunks';
import { isAppError } from '../errors';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import type { ActionItem } from './action-item';
import { toActionItem } from './action-item-mapper';
import type { ActionItemRow } from './action-items.repository';
import { type MessageLocation, withItemMessage } from './item-messages';
import type { VerificationDeps } from './verification-deps';
import type { AskedPerson } from './verification-port';
import { askKey, asked, nobodyToAsk, planned } from './verification-state';
import { changedVerificationColumns, toVerificationState } from './verification-state-mapper';
import { claimDueChecks, finishCheck, listUnplannedChecks, planCheck, recordCheckMessages } from './verifications.repository';

/** How long a pass may hold a question it is asking before another may take it over. */
export const VERIFY_CLAIM_MS = 2 * 60_000;
/** When nobody could be asked for a passing reason (Slack down, rate limits), the question is tried again this much later. */
export const VERIFY_RETRY_MS = 30 * 60_000;
/** Questions asked per pass: a backlog (after downtime) drains over a few passes. */
const BATCH = 200;
/** Questions claimed at a time: asked well within their claim. */
const CLAIM_CHUNK = 50;
/** Items whose first ask is worked out per pass. */
const PLAN_BATCH = 200;

/**
 * One pass of the verification job: works out when to ask about newly done items, then asks the
 * questions that are due. Each is claimed before it is asked, so two replicas never ask the same
 * one; a claim left by a crash is taken over once it expires, and each DM is searched for the
 * question first, so one that went out just before the crash is recorded rather than sent again.
 * Returns how many questions were asked.
 */
export async function askForVerification(deps: VerificationDeps): Promise<number> {
  await planChecks(deps);
  return workClaimedChunks({
    clock: deps.clock,
    leaseMs: VERIFY_CLAIM_MS,
    batch: BATCH,
    chunk: CLAIM_CHUNK,
    claim: (now, until, limit) => claimDueChecks(deps.db, now, until, limit),
    handle: ({ row, wasClaimed }, claim) => {
      if (wasClaimed) deps.logger.info({ itemId: row.id }, 'taking over a question an interrupted pass was asking');
      return askOne(deps, row, claim);
    },
  });
}

/** Who is asked: the owner, and the commander unless there is none yet or they own it too. */
export function peopleToAsk(item: ActionItem, incident: Incident): Array<Omit<AskedPerson, 'dmChannel'>> {
  const people: Array<Omit<AskedPerson, 'dmChannel'>> = [{ userId: item.ownerId, role: 'owner' }];
  if (incident.commanderId && incident.commanderId !== item.ownerId) people.push({ userId: incident.commanderId, role: 'commander' });
  return people;
}

/** The day an item was done, for an item done before that instant was recorded: when it was last changed. */
function doneAt(row: ActionItemRow): Date {
  return fromStoredInstant(row.status_changed_at ?? row.updated_at);
}

/**
 * The owner's zone: learnt by their reminders, else asked of the chat. A chat that refuses to say
 * (the account is gone) leaves the default zone; one that cannot answer now is asked again later.
 */
async function ownerZone(deps: VerificationDeps, row: ActionItemRow): Promise<string> {
  if (row.owner_time_zone) return row.owner_time_zone;
  try {
    return (await deps.port.timeZoneOf(row.owner_id)) ?? deps.policy.defaultTimeZone;
  } catch (error) {
    if (isAppError(error) && error.code === 'slack_refused') return deps.policy.defaultTimeZone;
    throw error;
  }
}

async function planChecks(deps: VerificationDeps): Promise<void> {
  const { db, policy, logger } = deps;
  for (const row of await listUnplannedChecks(db, PLAN_BATCH)) {
    try {
      const timeZone = await ownerZone(deps, row);
      const after = planned(toVerificationState(row), doneAt(row), row.verify_after_days ?? policy.afterDays, { timeZone, hour: policy.hour });
      if (after.kind === 'scheduled' && after.at && (await planCheck(db, row.id, toStoredInstant(after.at)))) {
        logger.debug({ itemId: row.id, at: toStoredInstant(after.at), timeZone }, 'check that the item works planned');
      }
    } catch (err) {
      logger.warn({ err, itemId: row.id }, 'could not work out when to ask whether the item works; will try again');
    }
  }
}

async function askOne(deps: VerificationDeps, row: ActionItemRow, claim: string): Promise<boolean> {
  const { db, port, clock } = deps;
  const before = toVerificationState(row);
  // Only scheduled, due checks are claimed; this guards the type, not a case that occurs.
  if (before.kind !== 'scheduled' || before.at === null) return false;
  const log = deps.logger.child({ itemId: row.id, ask: before.asks + 1 });
  const now = clock.now();
  const retryLater = () => finishCheck(db, row.id, claim, { verify_at: toStoredInstant(new Date(now.getTime() + VERIFY_RETRY_MS)) });
  let incident: Incident;
  try {
    incident = await loadIncident(db, row.incident_id);
  } catch (err) {
    await retryLater();
    log.warn({ err }, 'could not ask whether the item works; will try again');
    return false;
  }
  const item = toActionItem(row);
  const key = askKey(row.id, doneAt(row), before.asks + 1);
  const messages: MessageLocation[] = [];
  let stored: string | null = null;
  let passingFailure = false;
  for (const person of peopleToAsk(item, incident)) {
    try {
      const dmChannel = await port.dmChannelOf(person.userId);
      // Always looked for first: asks are rare (a few per item), and this is what keeps a question
      // posted just before a crash, or before a claim ran out, from being asked twice.
      const found = await port.sentBefore(dmChannel, key, doneAt(row));
      if (found) log.info({ role: person.role }, 'the question was asked before an interruption; recording it');
      const ts = found ?? (await port.ask({ ...person, dmChannel }, item, incident, key));
      messages.push({ channel: dmChannel, ts });
      stored = withItemMessage(stored, { channel: dmChannel, ts });
      await recordCheckMessages(db, row.id, stored);
    } catch (error) {
      const code = isAppError(error) ? error.code : 'unexpected';
      if (code === 'owner_unreachable') {
        log.warn({ userId: person.userId, role: person.role, code }, 'cannot ask this person whether the item works; skipped');
      } else {
        passingFailure = true;
        log.warn({ err: error, userId: person.userId, role: person.role, code }, 'could not ask this person whether the item works');
      }
    }
  }
  if (messages.length > 0) {
    const after = asked(before, now);
    await finishCheck(db, row.id, claim, { ...changedVerificationColumns(before, after), updated_at: toStoredInstant(now) });
    log.info({ asked: messages.length }, 'asked whether the item works');
    return true;
  }
  if (passingFailure) {
    await retryLater();
    log.warn('nobody could be asked whether the item works; will try again');
    return false;
  }
  const after = nobodyToAsk(before);
  await finishCheck(db, row.id, claim, { ...changedVerificationColumns(before, after), updated_at: toStoredInstant(now) });
  log.warn('nobody can be asked whether the item works; it stays unconfirmed');
  return false;
}
