import pino from 'pino';
import { EMPTY_ANSWERS } from '../../src/accounts/account';
import { saveAccount } from '../../src/accounts/save-account';
import { buildDocument } from '../../src/postmortems/build-document';
import { EMPTY_CONTENT } from '../../src/postmortems/postmortem';
import { postmortemFor } from '../../src/postmortems/postmortem-queries';
import { saveDraft } from '../../src/postmortems/save-draft';
import { loadIncident } from '../../src/incidents/incident-queries';
import { updateIncident } from '../../src/incidents/incidents.repository';
import { insertMessageEntry } from '../../src/timeline/timeline.repository';
import { FakeAccountPort, fakePostmortemDeps, fakePostmortemPort, quietIncidentPort } from '../../tools/harness/fake-postmortem-ports';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

const logger = pino({ level: 'silent' });
const policy = { requiredFor: ['SEV2' as const], dueHours: 48, channel: undefined };
const names = new Map([
  ['U1', 'Alice Ops'],
  ['U2', 'Bob Builder'],
  ['U3', 'Carol Checks'],
]);

/** Commanded by U1 (impact from 10:00 UTC, resolved 11:00); Carol (U3) posted at 10:20; Bob (U2, Berlin) and Carol wrote accounts, Carol anonymously. */
async function setUp(anonymise: boolean) {
  const db = await testDatabase();
  const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
  const members = { isMember: async () => true };
  const incidents = { db: db.db, clock, logger, members, port: quietIncidentPort, policy };
  const port = fakePostmortemPort({ displayNames: async (ids) => new Map(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!] as const] : []))) });
  const accountPort = new FakeAccountPort({ zones: { U2: 'Europe/Berlin', U3: 'Asia/Kolkata' } });
  const deps = fakePostmortemDeps({ db: db.db, clock, logger, members, port, incidents, policy, accountPort });
  const incidentId = await seedIncident(db);
  await updateIncident(db.db, incidentId, { status: 'resolved', resolved_at: '2026-11-22T11:00:00.000Z' });
  await insertMessageEntry(
    db.db,
    { incidentId, occurredAt: new Date('2026-11-22T10:20:00Z'), actorId: 'U1', authorId: 'U3', text: 'Rolling back now', sourceChannelId: 'C0INC', sourceTs: '1.1', permalink: null, filesNote: null, capturedVia: 'reaction' },
    new Date(),
  );
  await saveDraft(deps, incidentId, { ...EMPTY_CONTENT, summary: 'Checkout failed', anonymise }, 'U1', 0);
  await saveAccount(deps.accounts, incidentId, 'U2', { answers: { ...EMPTY_ANSWERS, noticed: '11:05 the error graph jumped' }, anonymous: false });
  await saveAccount(deps.accounts, incidentId, 'U3', { answers: { ...EMPTY_ANSWERS, did: '15:45 rolled back the deploy' }, anonymous: true });
  const doc = await buildDocument(deps, await loadIncident(db.db, incidentId), await postmortemFor(db.db, incidentId), []);
  return { db, doc };
}

describe('accounts in the post-mortem document', () => {
  it('signs a named account with its writer’s name and an anonymous one with a role, times in UTC and on the timeline', async () => {
    const { db, doc } = await setUp(false);
    try {
      expect(doc.perspectives.map((p) => p.label)).toEqual(['Bob Builder', 'Responder A']);
      // 11:05 in Berlin is 10:05 UTC; 15:45 in Kolkata is 10:15 UTC.
      expect(doc.perspectives[0]!.answers.noticed).toBe('10:05 UTC the error graph jumped');
      expect(doc.perspectives[1]!.answers.did).toBe('10:15 UTC rolled back the deploy');
      const recalled = doc.timeline.filter((e) => e.kind === 'recalled');
      expect(recalled.map((e) => [e.occurredAt.toISOString(), e.kind === 'recalled' && e.label])).toEqual([
        ['2026-11-22T10:05:00.000Z', 'Bob Builder'],
        ['2026-11-22T10:15:00.000Z', 'Responder A'],
      ]);
      // Carol's own message still carries her name: only her account is anonymous.
      expect(doc.person('U3')).toBe('Carol Checks');
    } finally {
      await db.remove();
    }
  });

  it('in an anonymised post-mortem, gives the anonymous account a letter nobody else in it has', async () => {
    const { db, doc } = await setUp(true);
    try {
      const [bob, carol] = doc.perspectives.map((p) => p.label);
      expect(bob).toMatch(/^Responder [A-Z]$/);
      expect(carol).toMatch(/^Responder [A-Z]$/);
      expect(bob).not.toBe(carol);
      // Carol's message is signed with her role, which is not her anonymous account's.
      expect(doc.person('U3')).not.toBe(carol);
      expect(doc.person('U2')).toBe(bob);
      expect(doc.person('U1')).toBe('Commander');
    } finally {
      await db.remove();
    }
  });
});
