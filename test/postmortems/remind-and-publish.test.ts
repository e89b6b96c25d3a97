import pino from 'pino';
import type { Incident } from '../../src/incidents/incident';
import { resolveIncident } from '../../src/incidents/change-incident';
import { EMPTY_CONTENT } from '../../src/postmortems/postmortem';
import type { PostmortemDeps } from '../../src/postmortems/postmortem-deps';
import { PartlyShownError, type PostmortemPort } from '../../src/postmortems/postmortem-port';
import { PUBLISH_LEASE_MS, publishPostmortem } from '../../src/postmortems/publish-postmortem';
import { claimPublishLease } from '../../src/postmortems/postmortems.repository';
import { toStoredInstant } from '../../src/db/instant';
import { RETRY_FAILED_MS, remindDuePostmortems } from '../../src/postmortems/remind-due-postmortems';
import { saveDraft } from '../../src/postmortems/save-draft';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';
import { fakePostmortemDeps, fakePostmortemPort, quietIncidentPort } from '../../tools/harness/fake-postmortem-ports';

const logger = pino({ level: 'silent' });

const everyoneIsAMember = { isMember: async () => true };

function port(over: Partial<PostmortemPort> = {}): PostmortemPort & { reminded: string[] } {
  const fake = fakePostmortemPort(over);
  return Object.assign(fake, { reminded: fake.told });
}

async function setUp(p: PostmortemPort, now: { t: number }) {
  const db = await testDatabase();
  const clock = { now: () => new Date(now.t) };
  const policy = { requiredFor: ['SEV2' as const], dueHours: 48, channel: undefined };
  const incidents = { db: db.db, clock, logger, members: everyoneIsAMember, port: quietIncidentPort, policy };
  const deps: PostmortemDeps = fakePostmortemDeps({ db: db.db, clock, logger, members: everyoneIsAMember, port: p, incidents, policy });
  const incidentId = await seedIncident(db);
  await resolveIncident(incidents, incidentId, 'Rolled back', 'U1');
  return { db, deps, incidentId };
}

describe('remindDuePostmortems', () => {
  it('sends once when due, again a day later, and not in between', async () => {
    const now = { t: Date.parse('2026-11-22T12:00:00Z') };
    const p = port();
    const { db, deps } = await setUp(p, now);
    try {
      expect(await remindDuePostmortems(deps)).toBe(0);
      now.t += 48 * 3_600_000;
      expect(await remindDuePostmortems(deps)).toBe(1);
      expect(await remindDuePostmortems(deps)).toBe(0);
      expect(p.reminded).toEqual(['dm:U1', 'channel:C0INC']);
      now.t += 24 * 3_600_000;
      expect(await remindDuePostmortems(deps)).toBe(1);
    } finally {
      await db.remove();
    }
  });

  it('counts a reminder delivered if either message got through, and retries after a pause when both failed', async () => {
    const now = { t: Date.parse('2026-11-22T12:00:00Z') };
    let channelUp = false;
    let dmUp = true;
    const p = port({
      remindCommander: async () => {
        if (!dmUp) throw new Error('user_not_found');
      },
      nudgeChannel: async () => {
        if (!channelUp) throw new Error('is_archived');
      },
    });
    const { db, deps } = await setUp(p, now);
    try {
      now.t += 48 * 3_600_000;
      expect(await remindDuePostmortems(deps)).toBe(1);
      expect(await remindDuePostmortems(deps)).toBe(0);

      now.t += 24 * 3_600_000;
      dmUp = false;
      expect(await remindDuePostmortems(deps)).toBe(0);
      expect(await remindDuePostmortems(deps)).toBe(0);
      dmUp = true;
      channelUp = true;
      now.t += RETRY_FAILED_MS;
      expect(await remindDuePostmortems(deps)).toBe(1);
    } finally {
      await db.remove();
    }
  });
});

describe('publishPostmortem', () => {
  it('remembers the messages shown before Slack stopped, so publishing again edits them instead of duplicating', async () => {
    const now = { t: Date.parse('2026-11-22T12:00:00Z') };
    const seen: string[][] = [];
    let fail = true;
    const shown = (...ts: string[]) => ts.map((t) => ({ ts: t, contentHash: `hash of ${t}` }));
    const p = port({
      showPostmortem: async (_channel, _doc, existing) => {
        seen.push(existing.map((m) => m.ts));
        if (fail) throw new PartlyShownError(shown('1.1', '1.2'), new Error('ratelimited'));
        return shown('1.1', '1.2', '1.3');
      },
    });
    const { db, deps, incidentId } = await setUp(p, now);
    try {
      const content = { ...EMPTY_CONTENT, summary: 'S', causes: { avoid: ['a'], detect: ['b'], fixFaster: [] } };
      const saved = await saveDraft(deps, incidentId, content, 'U1', 0);
      const version = saved.kind === 'saved' ? saved.postmortem.version : -1;
      await expect(publishPostmortem(deps, incidentId, 'U1', { acceptNotes: false, reviewedVersion: version })).rejects.toThrow('ratelimited');
      fail = false;
      const outcome = await publishPostmortem(deps, incidentId, 'U1', { acceptNotes: false, reviewedVersion: version });
      expect(outcome).toMatchObject({ kind: 'published', messages: 3 });
      expect(seen).toEqual([[], ['1.1', '1.2']]);
    } finally {
      await db.remove();
    }
  });

  it('keeps the publishing lease alive while it shows a long post-mortem, so no other replica takes it over', async () => {
    const now = { t: Date.parse('2026-11-22T12:00:00Z') };
    const takenOver: boolean[] = [];
    let postmortemId = '';
    const p = port({
      // Each message takes most of a lease's length (Slack slow, rate limits): another replica tries between them.
      showPostmortem: async (_channel, _doc, _existing, options) => {
        const parts = [];
        for (let i = 0; i < 3; i += 1) {
          now.t += PUBLISH_LEASE_MS - 1000;
          parts.push({ ts: `2.${i}`, contentHash: null });
          await options.afterEach?.();
          const at = new Date(now.t + 1);
          takenOver.push(await claimPublishLease(deps.db, postmortemId, toStoredInstant(at), toStoredInstant(new Date(at.getTime() + PUBLISH_LEASE_MS))));
        }
        return parts;
      },
    });
    const { db, deps, incidentId } = await setUp(p, now);
    try {
      const content = { ...EMPTY_CONTENT, summary: 'S', causes: { avoid: ['a'], detect: ['b'], fixFaster: [] } };
      const saved = await saveDraft(deps, incidentId, content, 'U1', 0);
      if (saved.kind !== 'saved') throw new Error('not saved');
      postmortemId = saved.postmortem.id;
      const outcome = await publishPostmortem(deps, incidentId, 'U1', { acceptNotes: false, reviewedVersion: saved.postmortem.version });
      expect(outcome).toMatchObject({ kind: 'published', messages: 3 });
      expect(takenOver).toEqual([false, false, false]);
    } finally {
      await db.remove();
    }
  });
});
