import pino from 'pino';
import type { IncidentDeps } from '../../src/incidents/incident-deps';
import { insertMessageEntry } from '../../src/timeline/timeline.repository';
import { postmortemFor } from '../../src/postmortems/postmortem-queries';
import { EMPTY_CONTENT } from '../../src/postmortems/postmortem';
import { saveDraft } from '../../src/postmortems/save-draft';
import { updateIncident } from '../../src/incidents/incidents.repository';
import { FACILITATOR_CLAIM_MS, remindFacilitators } from '../../src/postmortems/remind-facilitators';
import { claimFacilitatorReminder, toReviewMeeting } from '../../src/postmortems/review-meetings.repository';
import { scheduleReview } from '../../src/postmortems/schedule-review';
import { FakeAccountPort, fakePostmortemDeps, fakePostmortemPort, quietIncidentPort } from '../../tools/harness/fake-postmortem-ports';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

const logger = pino({ level: 'silent' });
const T0 = Date.parse('2026-12-01T12:00:00Z');
const policy = { requiredFor: ['SEV1' as const, 'SEV2' as const], dueHours: 48, channel: undefined };
const zones: Record<string, string> = { U1: 'America/New_York', U2: 'Europe/Berlin', U3: 'Asia/Tokyo' };

/** U1 commanded; U2 and U3 posted. The author, U1, lives in New York; U2 in Berlin. */
async function setUp() {
  const db = await testDatabase();
  const now = { t: T0 };
  const clock = { now: () => new Date(now.t) };
  const members = { isMember: async () => true };
  const incidents: IncidentDeps = { db: db.db, clock, logger, members, port: quietIncidentPort, policy };
  const port = fakePostmortemPort({ timeZoneOf: async (id) => zones[id] ?? null });
  const deps = fakePostmortemDeps({ db: db.db, clock, logger, members, port, incidents, policy, accountPort: new FakeAccountPort({ zones }) });
  const incidentId = await seedIncident(db);
  for (const [ts, user] of [['1.1', 'U2'], ['1.2', 'U3']] as const) {
    await insertMessageEntry(
      db.db,
      { incidentId, occurredAt: new Date(T0), actorId: user, authorId: user, text: 'x', sourceChannelId: 'C0INC', sourceTs: ts, permalink: null, filesNote: null, capturedVia: 'reaction' },
      new Date(T0),
    );
  }
  return { db, deps, port, now, incidentId };
}

describe('the review meeting', () => {
  it('is scheduled in the author’s zone and invites the participants once, leaving the draft as it was', async () => {
    const { db, deps, port, incidentId } = await setUp();
    try {
      const meeting = await scheduleReview(deps, incidentId, 'U1', { date: '2026-12-08', time: '14:00' });
      // 14:00 in New York in December is 19:00 UTC.
      expect(meeting.startsAt.toISOString()).toBe('2026-12-08T19:00:00.000Z');
      expect(meeting.timeZone).toBe('America/New_York');
      // The commander led the response: someone else is proposed to facilitate.
      expect(meeting.facilitatorId).toBe('U2');
      expect(meeting.inviteeIds.sort()).toEqual(['U1', 'U2', 'U3']);
      expect(port.invitations).toHaveLength(1);
      // Someone reviewing the draft meanwhile can still publish what they reviewed.
      expect((await postmortemFor(db.db, incidentId)).version).toBe(0);

      // A new time edits the same invitation and says it moved.
      await scheduleReview(deps, incidentId, 'U1', { date: '2026-12-09', time: '10:30' });
      expect(port.invitations.map((i) => [i.ts, i.moved])).toEqual([
        ['100.1', false],
        ['100.1', true],
      ]);
    } finally {
      await db.remove();
    }
  });

  it('reads the draft’s date and time in the zone they were set in, whoever schedules it', async () => {
    const { db, deps, incidentId } = await setUp();
    try {
      // U2, in Berlin, puts the meeting in the draft; U1, in New York, saves it again unchanged.
      await saveDraft(deps, incidentId, { ...EMPTY_CONTENT, meetingDate: '2026-12-08', meetingTime: '14:00' }, 'U2', 0);
      await saveDraft(deps, incidentId, { ...EMPTY_CONTENT, summary: 'Edited', meetingDate: '2026-12-08', meetingTime: '14:00' }, 'U1', 1);
      expect((await postmortemFor(db.db, incidentId)).content.meetingTimeZone).toBe('Europe/Berlin');
      const meeting = await scheduleReview(deps, incidentId, 'U1');
      expect(meeting.startsAt.toISOString()).toBe('2026-12-08T13:00:00.000Z');
      expect(meeting.timeZone).toBe('Europe/Berlin');
      // Changing the time makes it the changer's.
      await saveDraft(deps, incidentId, { ...EMPTY_CONTENT, meetingDate: '2026-12-08', meetingTime: '09:00' }, 'U1', 2);
      expect((await postmortemFor(db.db, incidentId)).content.meetingTimeZone).toBe('America/New_York');
    } finally {
      await db.remove();
    }
  });

  it('posts one invitation when two people schedule at once', async () => {
    const { db, deps, port, incidentId } = await setUp();
    try {
      await Promise.all([
        scheduleReview(deps, incidentId, 'U1', { date: '2026-12-08', time: '14:00' }),
        scheduleReview(deps, incidentId, 'U2', { date: '2026-12-08', time: '14:00' }),
      ]);
      expect(new Set(port.invitations.map((i) => i.ts)).size).toBe(1);
    } finally {
      await db.remove();
    }
  });

  it('invites only the members of a private incident', async () => {
    const { db, deps, port, incidentId } = await setUp();
    try {
      await updateIncident(db.db, incidentId, { is_private: 1 });
      const members = { isMember: async (_c: string, user: string) => user !== 'U2' };
      const meeting = await scheduleReview({ ...deps, members, accounts: { ...deps.accounts, members } }, incidentId, 'U1', { date: '2026-12-08', time: '14:00' });
      expect(meeting.inviteeIds.sort()).toEqual(['U1', 'U3']);
      expect(meeting.facilitatorId).toBe('U3');
      expect(port.invitations[0]!.inviteeIds).not.toContain('U2');
    } finally {
      await db.remove();
    }
  });

  it('refuses a time that has passed, or none at all, with what to type', async () => {
    const { db, deps, incidentId } = await setUp();
    try {
      await expect(scheduleReview(deps, incidentId, 'U1')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('/incident review') });
      await expect(scheduleReview(deps, incidentId, 'U1', { date: '2026-12-01', time: '06:00' })).rejects.toMatchObject({
        message: expect.stringContaining('has passed'),
      });
      await expect(scheduleReview(deps, incidentId, 'U1', { date: '2026-02-30', time: '10:00' })).rejects.toMatchObject({ code: 'invalid_input' });
    } finally {
      await db.remove();
    }
  });

  it('reminds the facilitator once, on the day, at the reminder hour in their own zone', async () => {
    const { db, deps, port, now, incidentId } = await setUp();
    try {
      await scheduleReview(deps, incidentId, 'U1', { date: '2026-12-08', time: '14:00' });
      // U2 facilitates from Berlin: 09:00 there on 8 December is 08:00 UTC.
      now.t = Date.parse('2026-12-08T07:59:00Z');
      expect(await remindFacilitators(deps)).toBe(0);
      now.t = Date.parse('2026-12-08T08:00:00Z');
      const [a, b] = await Promise.all([remindFacilitators(deps), remindFacilitators(deps)]);
      expect(a + b).toBe(1);
      now.t += 86_400_000;
      expect(await remindFacilitators(deps)).toBe(0);
      expect(port.told).toEqual([`facilitator:U2:${incidentId}`]);
      expect((await db.db.selectFrom('review_meetings').selectAll().executeTakeFirstOrThrow()).reminded_at).not.toBeNull();
    } finally {
      await db.remove();
    }
  });

  it('sends the reminder once when its sender died after posting it', async () => {
    const { db, deps, port, now, incidentId } = await setUp();
    try {
      await scheduleReview(deps, incidentId, 'U1', { date: '2026-12-08', time: '14:00' });
      now.t = Date.parse('2026-12-08T08:00:00Z');
      // Another replica claimed it, posted it, and died before recording it.
      const row = await db.db.selectFrom('review_meetings').selectAll().executeTakeFirstOrThrow();
      await claimFacilitatorReminder(db.db, incidentId, row.remind_at!, new Date(now.t + FACILITATOR_CLAIM_MS).toISOString());
      await port.remindFacilitator('U2', { id: incidentId } as never, toReviewMeeting(row), { accounts: { asked: 0, written: 0, declined: 0, waitingFor: [] }, missing: [], notesOpen: 0 });
      expect(await remindFacilitators(deps)).toBe(0);
      now.t += FACILITATOR_CLAIM_MS + 1;
      expect(await remindFacilitators(deps)).toBe(1);
      expect(port.told).toEqual([`facilitator:U2:${incidentId}`]);
    } finally {
      await db.remove();
    }
  });
});
