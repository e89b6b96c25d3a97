import { createLogger } from '../../src/logger';
import type { InsightDeps } from '../../src/insights/insight-deps';
import { insightPeriod } from '../../src/insights/insight-period';
import { channelInsights, insightsFor } from '../../src/insights/insights';
import {
  type KeyedCountRow,
  type StoredRanges,
  alertNamesOfIncidentsIn,
  claimDigest,
  findDigest,
  incidentsDeclaredIn,
  itemsClosedIn,
  itemsOverdue,
  itemsVerifiedIn,
  overdueItems,
  scheduleSeen,
  skipDigest,
  tagsOfIncidentsIn,
  unverifiedItems,
  updateDigest,
} from '../../src/insights/insights.repository';
import { alertGroupRow, alertRow, incidentRow, itemRow, postmortemRow } from '../../tools/harness/insight-rows';
import { TEST_DIALECT } from '../../tools/harness/test-database';
import { testDatabase } from '../../tools/harness/test-db';

// 30 days up to 1 December 2026: November, compared with 2–31 October.
const NOW = new Date('2026-12-01T00:00:00.000Z');
const ranges: StoredRanges = {
  current: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
  previous: { from: '2026-10-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
};

const sorted = (rows: KeyedCountRow[]) => [...rows].sort((a, b) => `${a.key}/${a.private_id}`.localeCompare(`${b.key}/${b.private_id}`));
const publicCount = (key: string, current: number, previous: number): KeyedCountRow => ({ key, private_id: null, current, previous });
const privateCount = (key: string, current: number, previous: number): KeyedCountRow => ({ key, private_id: 'x', current, previous });

describe(`insights over ${TEST_DIALECT}`, () => {
  let handle: Awaited<ReturnType<typeof testDatabase>>;

  beforeAll(async () => {
    handle = await testDatabase();
    const { db } = handle;
    await db
      .insertInto('incidents')
      .values([
        incidentRow('p1', '2026-11-05T10:00:00.000Z', { severity: 'SEV1', resolved_at: '2026-11-05T11:00:00.000Z' }),
        incidentRow('p2', '2026-10-15T10:00:00.000Z'),
        incidentRow('x', '2026-11-10T10:00:00.000Z', { is_private: 1, channel_id: 'CX' }),
        incidentRow('old', '2026-09-01T10:00:00.000Z'),
        // Private and declared long before: only one of its items counts in these periods.
        incidentRow('y', '2026-08-01T10:00:00.000Z', { is_private: 1, channel_id: 'CY' }),
      ])
      .execute();
    await db
      .insertInto('postmortems')
      .values([
        postmortemRow('p1', ['database', 'Deploy'], '2026-11-06T10:00:00.000Z'),
        postmortemRow('p2', ['database']),
        postmortemRow('x', ['secret']),
        postmortemRow('old', ['ancient']),
      ])
      .execute();
    await db
      .insertInto('action_items')
      .values([
        itemRow('i1', 'p1', 'U1', { status: 'done', status_changed_at: '2026-11-07T00:00:00.000Z' }),
        itemRow('i2', 'p1', 'U1', { status: 'done', status_changed_at: '2026-10-20T00:00:00.000Z' }),
        itemRow('i3', 'p1', 'U2', { status: 'wont_do', status_changed_at: '2026-11-08T00:00:00.000Z' }),
        itemRow('i4', 'x', 'U2', { status: 'done', status_changed_at: '2026-11-12T00:00:00.000Z' }),
        itemRow('i5', 'old', 'U3', { due_date: '2026-11-20' }),
        itemRow('i6', 'x', 'U3', { due_date: '2026-11-25' }),
        itemRow('i7', 'p1', 'U1', { status: 'done', status_changed_at: '2026-11-07T00:00:00.000Z', verification: 'verified', verified_by: 'U1', verified_at: '2026-11-28T00:00:00.000Z' }),
        itemRow('i8', 'old', 'U1', { status: 'done', status_changed_at: '2026-08-01T00:00:00.000Z', verification: 'scheduled', verify_at: '2026-11-15T08:00:00.000Z' }),
        itemRow('i9', 'old', 'U2', { status: 'done', status_changed_at: '2026-09-01T00:00:00.000Z', verification: 'unconfirmed' }),
        itemRow('i10', 'x', 'U2', { status: 'done', status_changed_at: '2026-09-01T00:00:00.000Z', verification: 'asked', verify_at: '2026-11-01T08:00:00.000Z' }),
        itemRow('i11', 'p1', 'U4', { due_date: '2099-01-01' }),
        // Closed at the very end of the period: the end is not part of it.
        itemRow('i12', 'p1', 'U5', { status: 'done', status_changed_at: '2026-12-01T00:00:00.000Z' }),
        // Its check is not due yet.
        itemRow('i13', 'p1', 'U5', { status: 'done', status_changed_at: '2026-11-02T00:00:00.000Z', verification: 'scheduled', verify_at: '2026-12-02T08:00:00.000Z' }),
        itemRow('i14', 'y', 'U6', { status: 'done', status_changed_at: '2026-11-15T00:00:00.000Z' }),
      ])
      .execute();
    await db.insertInto('alert_groups').values([alertGroupRow('g1', 'p1'), alertGroupRow('g2', 'x'), alertGroupRow('g3', null, 'declined'), alertGroupRow('g4', 'p2')]).execute();
    await db
      .insertInto('alert_group_alerts')
      .values([alertRow('g1', 'HighErrorRate'), alertRow('g1', 'DiskFull'), alertRow('g2', 'HighErrorRate'), alertRow('g3', 'Noise'), alertRow('g4', 'HighErrorRate')])
      .execute();
  });
  afterAll(() => handle.remove());

  it('reads the incidents declared in either period, with their post-mortem', async () => {
    const rows = await incidentsDeclaredIn(handle.db, ranges);
    expect(rows.map((r) => [r.id, r.published_at]).sort()).toEqual([
      ['p1', '2026-11-06T10:00:00.000Z'],
      ['p2', null],
      ['x', null],
    ]);
  });

  it('counts closed and verified items by owner, a private incident apart', async () => {
    expect(sorted(await itemsClosedIn(handle.db, 'done', ranges))).toEqual([
      publicCount('U1', 2, 1),
      privateCount('U2', 1, 0),
      publicCount('U5', 1, 0),
      { key: 'U6', private_id: 'y', current: 1, previous: 0 },
    ]);
    expect(sorted(await itemsClosedIn(handle.db, 'wont_do', ranges))).toEqual([publicCount('U2', 1, 0)]);
    expect(sorted(await itemsVerifiedIn(handle.db, ranges))).toEqual([publicCount('U1', 1, 0)]);
    expect(sorted(await itemsOverdue(handle.db, '2026-12-01'))).toEqual([publicCount('U3', 1, 0), privateCount('U3', 1, 0)]);
  });

  it('counts incidents per post-mortem tag and per linked alert name, in each period', async () => {
    expect(sorted(await tagsOfIncidentsIn(handle.db, ranges))).toEqual([publicCount('database', 1, 1), publicCount('Deploy', 1, 0), privateCount('secret', 1, 0)]);
    expect(sorted(await alertNamesOfIncidentsIn(handle.db, ranges))).toEqual([publicCount('DiskFull', 1, 0), publicCount('HighErrorRate', 1, 1), privateCount('HighErrorRate', 1, 0)]);
  });

  it("lists public incidents' overdue items and unconfirmed countermeasures for the digest", async () => {
    const overdue = await overdueItems(handle.db, '2026-12-01', 10);
    expect(overdue.total).toBe(1);
    expect(overdue.rows.map((r) => [r.id, r.incident_title])).toEqual([['i5', 'Incident old']]);
    const unverified = await unverifiedItems(handle.db, NOW.toISOString(), 1);
    expect(unverified.total).toBe(2);
    // Oldest first: i9 was done in September and never confirmed; i8's check came on 15 November.
    expect(unverified.rows.map((r) => r.id)).toEqual(['i9']);
    expect((await unverifiedItems(handle.db, NOW.toISOString(), 10)).rows.map((r) => r.id)).toEqual(['i9', 'i8']);
  });

  describe('the service', () => {
    const logger = createLogger({ level: 'silent', pretty: false });
    const deps = (): InsightDeps => ({
      db: handle.db,
      clock: { now: () => NOW },
      logger,
      members: { isMember: async (channel, user) => (channel === 'CX' || channel === 'CY') && user === 'U0IN' },
      port: { findDigest: jest.fn(), postDigest: jest.fn(), shareDigestChart: jest.fn(), sendChart: jest.fn() },
      policy: { requiredFor: ['SEV1', 'SEV2'], dueHours: 48 },
    });
    const period = insightPeriod('30d', NOW, 'UTC');

    it('counts a private incident only for the people in its channel now', async () => {
      const inside = await insightsFor(deps(), 'U0IN', period, '2026-12-01');
      const outside = await insightsFor(deps(), 'U0OUT', period, '2026-12-01');
      expect([inside.incidents, outside.incidents]).toEqual([
        { current: 2, previous: 1 },
        { current: 1, previous: 1 },
      ]);
      expect(inside.tags.map((t) => t.name)).toEqual(['database', 'deploy', 'secret']);
      expect(outside.tags.map((t) => t.name)).toEqual(['database', 'deploy']);
      expect([inside.items.totals.overdue, outside.items.totals.overdue]).toEqual([2, 1]);
      // y was declared in August: its channel is read for the item closed in November.
      expect([inside.items.totals.done, outside.items.totals.done]).toEqual([5, 3]);
      expect(inside.alerts).toEqual([
        { name: 'HighErrorRate', current: 2, previous: 1 },
        { name: 'DiskFull', current: 1, previous: 0 },
      ]);
      // p1 (SEV1) resolved 5 Nov 11:00, published the next day at 10:00: within 48 hours.
      expect(inside.postmortems.current).toEqual({ onTime: 1, late: 0, overdue: 0, notYetDue: 0 });
    });

    it('leaves out a private incident whose channel Slack cannot list', async () => {
      const failing: InsightDeps = {
        ...deps(),
        members: {
          isMember: async (channel, user) => {
            if (channel === 'CY') throw new Error('channel_not_found');
            return channel === 'CX' && user === 'U0IN';
          },
        },
      };
      expect((await insightsFor(failing, 'U0IN', period, '2026-12-01')).items.totals.done).toBe(4);
    });

    it('counts no private incident for a channel', async () => {
      const forChannel = await channelInsights(deps(), period, '2026-12-01');
      expect(forChannel.incidents).toEqual({ current: 1, previous: 1 });
      expect(forChannel.items.totals).toEqual({ done: 3, overdue: 1, wontDo: 1, verified: 1 });
    });
  });

  describe('digest claims', () => {
    const row = (now: string, until: string) => ({ dueAt: '2026-11-30T08:00:00.000Z', schedule: 'MON 09:00 Europe/Berlin', channelId: 'C0PM', now, until });

    it('give a scheduled time to one claimant, to another once the hold lapses, and to none once finished', async () => {
      expect(await scheduleSeen(handle.db, 'MON 09:00 Europe/Berlin')).toBe(false);
      const claims = await Promise.all([claimDigest(handle.db, row('2026-11-30T08:00:00.000Z', '2026-11-30T08:02:00.000Z')), claimDigest(handle.db, row('2026-11-30T08:00:00.000Z', '2026-11-30T08:02:00.000Z'))]);
      expect(claims.sort()).toEqual([false, true]);
      expect(await claimDigest(handle.db, row('2026-11-30T08:01:59.000Z', '2026-11-30T08:03:59.000Z'))).toBe(false);
      expect(await claimDigest(handle.db, row('2026-11-30T08:02:00.000Z', '2026-11-30T08:04:00.000Z'))).toBe(true);
      await updateDigest(handle.db, '2026-11-30T08:00:00.000Z', { posted_ts: '1.2', outcome: 'posted', finished_at: '2026-11-30T08:02:01.000Z', claimed_until: null });
      expect(await claimDigest(handle.db, row('2026-12-01T08:00:00.000Z', '2026-12-01T08:02:00.000Z'))).toBe(false);
      expect(await findDigest(handle.db, '2026-11-30T08:00:00.000Z')).toMatchObject({ attempts: 2, posted_ts: '1.2', outcome: 'posted' });
      expect(await scheduleSeen(handle.db, 'MON 09:00 Europe/Berlin')).toBe(true);
    });

    it('record a skipped time once, finished', async () => {
      const skip = { dueAt: '2026-11-23T08:00:00.000Z', schedule: 'MON 09:00 Europe/Berlin', channelId: 'C0PM', now: '2026-11-25T00:00:00.000Z' };
      await skipDigest(handle.db, skip);
      await skipDigest(handle.db, skip);
      expect(await findDigest(handle.db, skip.dueAt)).toMatchObject({ outcome: 'skipped', finished_at: skip.now, posted_ts: null });
    });
  });
});
