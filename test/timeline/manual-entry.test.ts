import type { Incident } from '../../src/incidents/incident';
import { milestoneConflict, milestoneOrderProblem, validateEntry, validEntry } from '../../src/timeline/manual-entry';

const at = (iso: string) => new Date(iso);

const incident: Incident = {
  id: 'I1',
  title: 'Checkout errors',
  severity: 'SEV2',
  status: 'resolved',
  isPrivate: false,
  description: null,
  channelId: 'C1',
  channelName: 'inc-checkout',
  commanderId: 'U1',
  declaredBy: 'U1',
  responderIds: [],
  impactStartedAt: at('2026-07-04T08:00:00Z'),
  declaredAt: at('2026-07-04T08:30:00Z'),
  detectedAt: at('2026-07-04T09:00:00Z'),
  mitigatedAt: null,
  resolvedAt: at('2026-07-04T11:00:00Z'),
  resolutionNote: 'Rolled back',
  cardTs: null,
  announcement: null,
  setupCompletedAt: at('2026-07-04T08:31:00Z'),
};

describe('validateEntry', () => {
  const now = at('2026-07-05T00:00:00Z');

  it('accepts a time from 2000 up to now', () => {
    expect(validateEntry({ text: 'Alert fired', occurredAt: at('2000-01-01T00:00:00Z') }, now)).toEqual({});
  });

  it.each([
    ['year −1', at('-000001-01-01T00:00:00Z')],
    ['1999', at('1999-12-31T23:59:00Z')],
  ])('refuses a time in %s', (_what, occurredAt) => {
    expect(validateEntry({ text: 'Alert fired', occurredAt }, now).occurredAt).toContain('too long ago');
    expect(() => validEntry({ text: 'Alert fired', occurredAt }, now)).toThrow('too long ago');
  });

  it('asks for a time when there is no instant at all', () => {
    expect(validateEntry({ text: 'Alert fired', occurredAt: new Date(Number.NaN) }, now).occurredAt).toContain('Pick the date and time');
  });
});

describe('milestoneConflict: impact started ≤ detected ≤ mitigated ≤ resolved', () => {
  it.each([
    ['impact_started', '2026-07-04T09:00:00Z'],
    ['detected', '2026-07-04T08:00:00Z'],
    ['mitigated', '2026-07-04T10:00:00Z'],
    ['resolved', '2026-07-04T09:00:00Z'],
    ['detected', '2026-07-04T08:45:00Z'],
  ] as const)('allows %s at %s', (milestone, time) => {
    expect(milestoneConflict(incident, milestone, at(time))).toBeNull();
  });

  it('names an earlier milestone that would come after it', () => {
    expect(milestoneConflict(incident, 'detected', at('2026-07-04T07:59:00Z'))).toEqual({
      milestone: 'impact_started',
      at: incident.impactStartedAt,
      mustBe: 'after',
    });
  });

  it('names the latest earlier milestone when several would come after it', () => {
    expect(milestoneConflict(incident, 'mitigated', at('2026-07-04T07:00:00Z'))).toMatchObject({ milestone: 'detected', mustBe: 'after' });
  });

  it('names a later milestone that would come before it, skipping one not yet set', () => {
    expect(milestoneConflict(incident, 'impact_started', at('2026-07-04T12:00:00Z'))).toEqual({
      milestone: 'detected',
      at: incident.detectedAt,
      mustBe: 'before',
    });
    expect(milestoneConflict(incident, 'mitigated', at('2026-07-04T11:01:00Z'))).toMatchObject({ milestone: 'resolved', mustBe: 'before' });
  });

  it('ignores the milestone being moved itself', () => {
    expect(milestoneConflict(incident, 'detected', at('2026-07-04T10:59:00Z'))).toBeNull();
  });
});

describe('milestoneOrderProblem', () => {
  it('names the other milestone and its time, as the caller shows it', () => {
    const conflict = { milestone: 'impact_started', at: incident.impactStartedAt, mustBe: 'after' } as const;
    expect(milestoneOrderProblem('detected', conflict, '2026-07-04 10:00 (Europe/Paris)')).toBe(
      'Detected cannot be before Impact started, which is at 2026-07-04 10:00 (Europe/Paris). Pick another time, or mark Impact started at its right time first.',
    );
  });
});
