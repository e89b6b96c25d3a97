import type { Severity } from '../../src/incidents/severity';
import { type IncidentFacts, type InsightFacts, type KeyedCount, insightFigures, privateIncidentsOf } from '../../src/insights/insight-figures';
import { insightPeriod } from '../../src/insights/insight-period';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => new Date(iso);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);

function incident(id: string, severity: Severity, declared: string, times: Partial<Omit<IncidentFacts, 'id' | 'severity' | 'declaredAt'>> = {}): IncidentFacts {
  return {
    id,
    severity,
    isPrivate: false,
    channelId: `C${id}`,
    impactStartedAt: at(declared),
    declaredAt: at(declared),
    detectedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    postmortemPublishedAt: null,
    ...times,
  };
}

const count = (key: string, current: number, previous: number, privateId?: string): KeyedCount => ({
  key,
  current,
  previous,
  privateIncidentId: privateId ?? null,
});

// 30 days up to Tuesday 1 December 2026 00:00 UTC: 1–30 November, compared with 2–31 October.
const NOW = at('2026-12-01T00:00:00Z');
const period = insightPeriod('30d', NOW, 'UTC');
const policy = { requiredFor: ['SEV1', 'SEV2'] as Severity[], dueHours: 48 };

/**
 * Hand-computed (minutes):
 *            period   sev   detect  mitigate  resolve  post-mortem
 *   A        now      SEV1  10      30        60       published 10 h after resolving: on time
 *   B        now      SEV2  5       —         120      not published, due 2 Nov: overdue
 *   C priv.  now      SEV2  0       30        60       published 50 h after: late     (reader is in its channel)
 *   D priv.  now      SEV3  1000    —         —        —                              (reader is not)
 *   E        now      SEV4  60      —         —        (unresolved)
 *   F        now      SEV1  0       —         60       not published, due 2 Dec: not yet due
 *   G        before   SEV2  30      60        120      on time
 *   H        before   SEV3  0       —         30
 *   I priv.  before   SEV1  (not visible)
 *   J        September: in neither period
 */
const facts: InsightFacts = {
  incidents: [
    incident('A', 'SEV1', '2026-11-02T10:10:00Z', {
      impactStartedAt: at('2026-11-02T10:00:00Z'),
      mitigatedAt: at('2026-11-02T10:40:00Z'),
      resolvedAt: at('2026-11-02T11:10:00Z'),
      postmortemPublishedAt: plus('2026-11-02T11:10:00Z', 10 * HOUR),
    }),
    incident('B', 'SEV2', '2026-11-10T09:20:00Z', {
      impactStartedAt: at('2026-11-10T09:00:00Z'),
      detectedAt: at('2026-11-10T09:05:00Z'),
      resolvedAt: at('2026-11-10T11:05:00Z'),
    }),
    incident('C', 'SEV2', '2026-11-20T12:00:00Z', {
      isPrivate: true,
      mitigatedAt: at('2026-11-20T12:30:00Z'),
      resolvedAt: at('2026-11-20T13:00:00Z'),
      postmortemPublishedAt: plus('2026-11-20T13:00:00Z', 50 * HOUR),
    }),
    incident('D', 'SEV3', '2026-11-21T12:00:00Z', { isPrivate: true, impactStartedAt: plus('2026-11-21T12:00:00Z', -1000 * MIN) }),
    incident('E', 'SEV4', '2026-11-29T22:00:00Z', { impactStartedAt: at('2026-11-29T21:00:00Z') }),
    incident('F', 'SEV1', '2026-11-30T10:00:00Z', { resolvedAt: at('2026-11-30T11:00:00Z') }),
    incident('G', 'SEV2', '2026-10-10T08:30:00Z', {
      impactStartedAt: at('2026-10-10T08:00:00Z'),
      mitigatedAt: at('2026-10-10T09:30:00Z'),
      resolvedAt: at('2026-10-10T10:30:00Z'),
      postmortemPublishedAt: at('2026-10-11T10:30:00Z'),
    }),
    incident('H', 'SEV3', '2026-10-20T08:00:00Z', { resolvedAt: at('2026-10-20T08:30:00Z') }),
    incident('I', 'SEV1', '2026-10-21T08:00:00Z', { isPrivate: true, resolvedAt: at('2026-10-21T09:00:00Z') }),
    incident('J', 'SEV1', '2026-09-01T08:00:00Z', { resolvedAt: at('2026-09-01T09:00:00Z') }),
  ],
  items: {
    done: [count('U1', 3, 1), count('U2', 1, 0, 'C'), count('U3', 5, 0, 'D')],
    wontDo: [count('U2', 1, 0)],
    verified: [count('U1', 2, 1)],
    overdue: [count('U4', 2, 0), count('U1', 4, 0, 'D')],
  },
  tags: [count('Database', 2, 1), count('database ', 1, 0, 'C'), count('deploy', 1, 0), count('secret-project', 1, 0, 'D'), count('old', 0, 3)],
  alerts: [count('HighErrorRate', 2, 0), count('DiskFull', 1, 0, 'D')],
};

describe('insight figures', () => {
  const figures = insightFigures(facts, { period, now: NOW, policy, visiblePrivate: new Set(['C']) });

  it('counts incidents by severity in each period, a private one only for who may see it', () => {
    expect(figures.incidents).toEqual({ current: 5, previous: 2 });
    expect(figures.bySeverity).toEqual([
      { severity: 'SEV1', current: 2, previous: 0 },
      { severity: 'SEV2', current: 2, previous: 1 },
      { severity: 'SEV3', current: 0, previous: 1 },
      { severity: 'SEV4', current: 1, previous: 0 },
    ]);
  });

  it('gives the median and 90th percentile of each phase, with the period before', () => {
    // Detect: now [0, 0, 5, 10, 60], before [0, 30]. Mitigate: [30, 30] and [60]. Resolve: [60, 60, 60, 120] and [30, 120].
    expect(figures.durations.timeToDetect).toEqual({
      median: { current: 5 * MIN, previous: 15 * MIN },
      p90: { current: 40 * MIN, previous: 27 * MIN },
      measured: { current: 5, previous: 2 },
    });
    expect(figures.durations.timeToMitigate).toEqual({
      median: { current: 30 * MIN, previous: 60 * MIN },
      p90: { current: 30 * MIN, previous: 60 * MIN },
      measured: { current: 2, previous: 1 },
    });
    expect(figures.durations.timeToResolve).toEqual({
      median: { current: 60 * MIN, previous: 75 * MIN },
      p90: { current: 102 * MIN, previous: 111 * MIN },
      measured: { current: 4, previous: 2 },
    });
  });

  it('sorts the post-mortems owed into on time, late, overdue and not yet due', () => {
    expect(figures.postmortems).toEqual({
      dueHours: 48,
      current: { onTime: 1, late: 1, overdue: 1, notYetDue: 1 },
      previous: { onTime: 1, late: 0, overdue: 0, notYetDue: 0 },
    });
  });

  it('counts action items by owner, leaving out the private incident the reader is not in', () => {
    expect(figures.items.totals).toEqual({ done: 4, overdue: 2, wontDo: 1, verified: 2 });
    expect(figures.items.previous).toEqual({ done: 1, wontDo: 0, verified: 1 });
    expect(figures.items.byOwner).toEqual([
      { ownerId: 'U1', done: 3, overdue: 0, wontDo: 0, verified: 2 },
      { ownerId: 'U2', done: 1, overdue: 0, wontDo: 1, verified: 0 },
      { ownerId: 'U4', done: 0, overdue: 2, wontDo: 0, verified: 0 },
    ]);
  });

  it('names the top owners and sums the rest as others', () => {
    const many = { ...facts, items: { done: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7'].map((id, i) => count(id, 7 - i, 0)), wontDo: [], verified: [], overdue: [] } };
    const { byOwner } = insightFigures(many, { period, now: NOW, policy, visiblePrivate: new Set() }).items;
    expect(byOwner.map((o) => [o.ownerId, o.done])).toEqual([['U1', 7], ['U2', 6], ['U3', 5], ['U4', 4], ['U5', 3], [null, 3]]);
  });

  it('merges tags across case and spacing, and shows only those of the period', () => {
    expect(figures.tags).toEqual([
      { name: 'database', current: 3, previous: 1 },
      { name: 'deploy', current: 1, previous: 0 },
    ]);
    expect(figures.alerts).toEqual([{ name: 'HighErrorRate', current: 2, previous: 0 }]);
  });

  it('counts each week from Monday in the zone', () => {
    const row = (week: string, counts: Partial<Record<Severity, number>>) => ({ week, counts: { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0, ...counts } });
    expect(figures.weekly).toEqual([
      row('2026-10-26', {}),
      row('2026-11-02', { SEV1: 1 }),
      row('2026-11-09', { SEV2: 1 }),
      row('2026-11-16', { SEV2: 1 }),
      row('2026-11-23', { SEV4: 1 }),
      row('2026-11-30', { SEV1: 1 }),
    ]);
  });

  it('counts no private incident at all for a channel', () => {
    const forChannel = insightFigures(facts, { period, now: NOW, policy, visiblePrivate: new Set() });
    expect(forChannel.incidents).toEqual({ current: 4, previous: 2 });
    expect(forChannel.postmortems.current).toEqual({ onTime: 1, late: 0, overdue: 1, notYetDue: 1 });
    expect(forChannel.items.totals).toEqual({ done: 3, overdue: 2, wontDo: 1, verified: 2 });
    expect(forChannel.tags).toEqual([
      { name: 'database', current: 2, previous: 1 },
      { name: 'deploy', current: 1, previous: 0 },
    ]);
  });

  it('counts every private incident for someone in all of them', () => {
    const all = insightFigures(facts, { period, now: NOW, policy, visiblePrivate: new Set(['C', 'D', 'I']) });
    expect(all.incidents).toEqual({ current: 6, previous: 3 });
    expect(all.durations.timeToDetect.p90.current).toBe(530 * MIN); // [0, 0, 5, 10, 60, 1000]: rank 4.5, halfway from 60 to 1000
    expect(all.items.byOwner[0]).toEqual({ ownerId: 'U1', done: 3, overdue: 4, wontDo: 0, verified: 2 });
  });

  it('lists the private incidents the facts mention, once each, for the membership check', () => {
    expect(privateIncidentsOf(facts).sort()).toEqual(['C', 'D', 'I']);
  });

  it('has nothing to measure in an empty period', () => {
    const empty = insightFigures({ incidents: [], items: { done: [], wontDo: [], verified: [], overdue: [] }, tags: [], alerts: [] }, { period, now: NOW, policy, visiblePrivate: new Set() });
    expect(empty.durations.timeToResolve).toEqual({ median: { current: null, previous: null }, p90: { current: null, previous: null }, measured: { current: 0, previous: 0 } });
    expect(empty.items.byOwner).toEqual([]);
  });
});
