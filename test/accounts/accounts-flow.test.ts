import pino from 'pino';
import { EMPTY_ANSWERS } from '../../src/accounts/account';
import type { AccountDeps } from '../../src/accounts/account-deps';
import { accountOf, accountsOf } from '../../src/accounts/account-queries';
import { ACCOUNT_LEASE_MS, REMIND_AFTER_MS, askForAccounts } from '../../src/accounts/ask-for-accounts';
import { requestAccounts } from '../../src/accounts/request-accounts';
import { declineAccount, saveAccount, showSavedAccount } from '../../src/accounts/save-account';
import { closeAccounts, reopenAccounts, tellAccountsClosed } from '../../src/accounts/close-accounts';
import { isAppError } from '../../src/errors';
import { resolveIncident } from '../../src/incidents/change-incident';
import type { IncidentDeps } from '../../src/incidents/incident-deps';
import { updateIncident } from '../../src/incidents/incidents.repository';
import { insertMessageEntry } from '../../src/timeline/timeline.repository';
import { FakeAccountPort, quietIncidentPort } from '../../tools/harness/fake-postmortem-ports';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

const logger = pino({ level: 'silent' });
const T0 = Date.parse('2026-11-22T12:00:00Z');
const policy = { requiredFor: ['SEV1' as const, 'SEV2' as const], dueHours: 48, channel: undefined };

/**
 * An incident U1 declared and commanded, where U2 posted, U3 marked U4's message, and a bot
 * (B1) posted a message someone marked; members are `members` (everyone when not given).
 */
async function setUp(options: { members?: string[]; isPrivate?: boolean; port?: FakeAccountPort } = {}) {
  const db = await testDatabase();
  const now = { t: T0 };
  const clock = { now: () => new Date(now.t) };
  const members = { isMember: async (_c: string, user: string) => !options.members || options.members.includes(user) };
  const incidents: IncidentDeps = { db: db.db, clock, logger, members, port: quietIncidentPort, policy };
  const port = options.port ?? new FakeAccountPort({ bots: ['B1'], zones: { U2: 'Europe/Berlin' } });
  const deps: AccountDeps = { db: db.db, clock, logger, members, port, policy, botUserId: 'UBOT', defaultTimeZone: 'UTC' };
  const incidentId = await seedIncident(db);
  if (options.isPrivate) await updateIncident(db.db, incidentId, { is_private: 1 });
  const message = (ts: string, actorId: string, authorId: string) =>
    insertMessageEntry(
      db.db,
      { incidentId, occurredAt: new Date(T0 - 3_600_000), actorId, authorId, text: 'seen', sourceChannelId: 'C0INC', sourceTs: ts, permalink: null, filesNote: null, capturedVia: 'reaction' },
      new Date(T0),
    );
  await message('1.1', 'U2', 'U2');
  await message('1.2', 'U3', 'U4');
  await message('1.3', 'U3', 'B1');
  await message('1.4', 'UBOT', 'U2');
  return { db, deps, port, now, incidents, incidentId };
}

const answers = (over: Partial<typeof EMPTY_ANSWERS>) => ({ ...EMPTY_ANSWERS, ...over });

describe('asking participants for their accounts', () => {
  it('asks each participant once when a SEV2 is resolved, never the bots', async () => {
    const { db, deps, port, incidents, incidentId } = await setUp();
    try {
      expect(await askForAccounts(deps)).toEqual({ asked: 0, reminded: 0 });
      await resolveIncident(incidents, incidentId, 'Rolled back', 'U1');
      expect((await askForAccounts(deps)).asked).toBe(4);
      expect(port.askedAbout(incidentId).sort()).toEqual(['U1', 'U2', 'U3', 'U4']);
      // A second pass, or asking again by hand, asks nobody twice.
      expect(await askForAccounts(deps)).toEqual({ asked: 0, reminded: 0 });
      expect((await requestAccounts(deps, incidentId, 'U1')).added).toEqual([]);
      expect(port.askedAbout(incidentId)).toHaveLength(4);
    } finally {
      await db.remove();
    }
  });

  it('asks people who posted in the channel too, though nobody pinned what they said', async () => {
    const port = new FakeAccountPort({ bots: ['B1'], posters: ['U5', 'B1', 'U2'] });
    const { db, deps, incidentId } = await setUp({ port });
    try {
      expect((await requestAccounts(deps, incidentId, 'U1')).added.sort()).toEqual(['U1', 'U2', 'U3', 'U4', 'U5']);
    } finally {
      await db.remove();
    }
  });

  it('asks only the members of a private incident', async () => {
    const { db, deps, port, incidentId } = await setUp({ isPrivate: true, members: ['U1', 'U2'] });
    try {
      const requested = await requestAccounts(deps, incidentId, 'U1');
      expect(requested.added.sort()).toEqual(['U1', 'U2']);
      await askForAccounts(deps);
      expect(port.askedAbout(incidentId).sort()).toEqual(['U1', 'U2']);
      await expect(requestAccounts(deps, incidentId, 'U3')).rejects.toMatchObject({ code: 'not_a_member' });
    } finally {
      await db.remove();
    }
  });

  it('does not ask a SEV3 on resolving, but does on request', async () => {
    const { db, deps, port, incidents, incidentId } = await setUp();
    try {
      await updateIncident(db.db, incidentId, { severity: 'SEV3' });
      await resolveIncident(incidents, incidentId, 'Fixed', 'U1');
      await askForAccounts(deps);
      expect(port.dms).toEqual([]);
      await requestAccounts(deps, incidentId, 'U2');
      await askForAccounts(deps);
      expect(port.askedAbout(incidentId)).toHaveLength(4);
    } finally {
      await db.remove();
    }
  });

  it('a request whose send was cut short is found in the DM, not sent twice; a failed one is retried', async () => {
    const port = new FakeAccountPort({ bots: ['B1'] });
    const { db, deps, now, incidentId } = await setUp({ port });
    try {
      await requestAccounts(deps, incidentId, 'U1');
      // Another process claimed U1's request and died after Slack posted it.
      await db.db.updateTable('participant_accounts').set({ lease_until: new Date(T0 + ACCOUNT_LEASE_MS).toISOString() }).where('user_id', '=', 'U1').execute();
      await port.ask((await accountOf(db.db, incidentId, 'U1'))!, { id: incidentId } as never, 'D-U1', 'ask');
      port.failNext = 1;
      await askForAccounts(deps);
      now.t += ACCOUNT_LEASE_MS + 1;
      await askForAccounts(deps);
      now.t += 60_000;
      await askForAccounts(deps);
      expect(port.askedAbout(incidentId).sort()).toEqual(['U1', 'U2', 'U3', 'U4']);
      expect((await accountsOf(db.db, incidentId)).map((a) => a.state)).toEqual(['asked', 'asked', 'asked', 'asked']);
    } finally {
      await db.remove();
    }
  });

  it('reminds once, a day later, those who neither wrote nor declined', async () => {
    const { db, deps, port, now, incidentId } = await setUp();
    try {
      await requestAccounts(deps, incidentId, 'U1');
      await askForAccounts(deps);
      await showSavedAccount(deps, await saveAccount(deps, incidentId, 'U2', { answers: answers({ noticed: '14:05 the error rate climbed' }), anonymous: false }));
      await declineAccount(deps, incidentId, 'U3');
      now.t += REMIND_AFTER_MS - 1000;
      expect((await askForAccounts(deps)).reminded).toBe(0);
      now.t += 1000;
      expect((await askForAccounts(deps)).reminded).toBe(2);
      now.t += 3 * REMIND_AFTER_MS;
      expect((await askForAccounts(deps)).reminded).toBe(0);
      expect(port.dms.filter((d) => d.kind === 'remind').map((d) => d.userId).sort()).toEqual(['U1', 'U4']);
      expect(port.dms.find((d) => d.userId === 'U2' && d.kind === 'ask')?.shownState).toBe('written');
      expect(port.dms.find((d) => d.userId === 'U3' && d.kind === 'ask')?.shownState).toBe('declined');
    } finally {
      await db.remove();
    }
  });

  it('sends no reminder once the post-mortem is published', async () => {
    const { db, deps, port, now, incidentId } = await setUp();
    try {
      await requestAccounts(deps, incidentId, 'U1');
      await askForAccounts(deps);
      await closeAccounts(deps, incidentId);
      await updateIncident(db.db, incidentId, { status: 'postmortem_published' });
      await tellAccountsClosed(deps, incidentId);
      now.t += REMIND_AFTER_MS;
      expect((await askForAccounts(deps)).reminded).toBe(0);
      expect(port.dms.filter((d) => d.kind === 'remind')).toEqual([]);
      await expect(declineAccount(deps, incidentId, 'U4')).rejects.toMatchObject({ code: 'accounts_closed' });
    } finally {
      await db.remove();
    }
  });

  it('keeps an account written while its request was on the way, and shows it in the request', async () => {
    const port = new FakeAccountPort();
    const { db, deps, incidentId } = await setUp({ port });
    try {
      await requestAccounts(deps, incidentId, 'U1');
      // U2 writes through /incident account while the pass is sending U2's request.
      const ask = port.ask.bind(port);
      port.ask = async (account, incident, dm, kind) => {
        if (account.userId === 'U2') await saveAccount(deps, incidentId, 'U2', { answers: answers({ did: 'Rolled back' }), anonymous: false });
        return ask(account, incident, dm, kind);
      };
      await askForAccounts(deps);
      expect(await accountOf(db.db, incidentId, 'U2')).toMatchObject({ state: 'written', dm: { channelId: 'D-U2' } });
      expect(port.dms.find((d) => d.userId === 'U2')?.shownState).toBe('written');
    } finally {
      await db.remove();
    }
  });

  it('stores both of two saves made at once, in turn, and none once publishing has begun', async () => {
    const { db, deps, incidentId } = await setUp();
    try {
      const [a, b] = await Promise.all([
        saveAccount(deps, incidentId, 'U2', { answers: answers({ noticed: 'first' }), anonymous: false }),
        saveAccount(deps, incidentId, 'U2', { answers: answers({ noticed: 'second' }), anonymous: true }),
      ]);
      expect([a.changed, b.changed]).toEqual([true, true]);
      expect((await accountOf(db.db, incidentId, 'U2'))!.revision).toBe(2);

      await closeAccounts(deps, incidentId);
      await expect(saveAccount(deps, incidentId, 'U2', { answers: answers({ noticed: 'too late' }), anonymous: false })).rejects.toMatchObject({ code: 'accounts_closed' });
      await reopenAccounts(deps, incidentId);
      expect((await saveAccount(deps, incidentId, 'U2', { answers: answers({ noticed: 'in time' }), anonymous: false })).changed).toBe(true);
    } finally {
      await db.remove();
    }
  });

  it('keeps an account written in two sittings, stores a replayed submission once, and closes on publishing', async () => {
    const { db, deps, incidentId } = await setUp();
    try {
      await requestAccounts(deps, incidentId, 'U1');
      await askForAccounts(deps);
      const first = await saveAccount(deps, incidentId, 'U2', { answers: answers({ noticed: 'Errors at 14:05' }), anonymous: true });
      expect(first.changed).toBe(true);
      const second = { answers: answers({ noticed: 'Errors at 14:05', did: 'I should have rolled back sooner' }), anonymous: true };
      const saved = await saveAccount(deps, incidentId, 'U2', second);
      const replayed = await saveAccount(deps, incidentId, 'U2', second);
      expect(replayed.changed).toBe(false);
      expect(replayed.account.revision).toBe(saved.account.revision);
      expect(saved.account).toMatchObject({ state: 'written', anonymous: true, timeZone: 'Europe/Berlin' });
      expect(saved.account.answers.did).toBe('I should have rolled back sooner');
      expect(saved.notes.map((n) => n.quote)).toEqual(['I should have']);
      expect((await accountsOf(db.db, incidentId)).filter((a) => a.userId === 'U2')).toHaveLength(1);

      const empty = await saveAccount(deps, incidentId, 'U4', { answers: answers({}), anonymous: false }).catch((e: unknown) => e);
      expect(isAppError(empty) && empty.fields).toEqual({ noticed: expect.stringContaining('at least one question') });

      await updateIncident(db.db, incidentId, { status: 'postmortem_published' });
      await expect(saveAccount(deps, incidentId, 'U2', second)).rejects.toMatchObject({ code: 'accounts_closed' });
    } finally {
      await db.remove();
    }
  });
});
