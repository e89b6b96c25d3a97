import type { ReceivedAlert } from '../../src/alerts/alert-notification';
import { applyNotification } from '../../src/alerts/apply-notification';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
const alert = (fingerprint: string, overrides: Partial<ReceivedAlert> = {}): ReceivedAlert => ({
  fingerprint,
  status: 'firing',
  name: fingerprint,
  summary: null,
  description: null,
  severity: 'critical',
  labels: {},
  startsAt: at(0),
  endsAt: null,
  links: {},
  ...overrides,
});

describe('applyNotification', () => {
  it('fires a new alert at its own start time', () => {
    const applied = applyNotification([], [alert('a', { startsAt: at(3) })]);
    expect(applied.transitions).toEqual([{ alert: alert('a', { startsAt: at(3) }), kind: 'fired', at: at(3) }]);
    expect(applied.changed).toHaveLength(1);
  });

  it('changes nothing for a repeat of what is known', () => {
    const known = [alert('a'), alert('b', { status: 'resolved', endsAt: at(5) })];
    const applied = applyNotification(known, known.map((a) => ({ ...a })));
    expect(applied.transitions).toEqual([]);
    expect(applied.changed).toEqual([]);
    expect(applied.alerts).toHaveLength(2);
  });

  it('resolves at the end time the source gives, and fires again when a resolved alert returns', () => {
    const resolved = applyNotification([alert('a')], [alert('a', { status: 'resolved', endsAt: at(9) })]);
    expect(resolved.transitions.map((t) => [t.kind, t.at])).toEqual([['resolved', at(9)]]);
    const again = applyNotification(resolved.alerts, [alert('a', { startsAt: at(20) })]);
    expect(again.transitions.map((t) => [t.kind, t.at])).toEqual([['fired', at(20)]]);
  });

  it('records an alert first seen resolved as having fired and resolved', () => {
    const applied = applyNotification([], [alert('a', { status: 'resolved', startsAt: at(1), endsAt: at(4) })]);
    expect(applied.transitions.map((t) => [t.kind, t.at])).toEqual([
      ['fired', at(1)],
      ['resolved', at(4)],
    ]);
  });

  it('keeps alerts the notification does not mention, and updates changed text without a transition', () => {
    const applied = applyNotification([alert('a'), alert('b')], [alert('a', { summary: 'now with a summary' })]);
    expect(applied.transitions).toEqual([]);
    expect(applied.changed.map((a) => a.summary)).toEqual(['now with a summary']);
    expect(applied.alerts.map((a) => a.fingerprint).sort()).toEqual(['a', 'b']);
  });
});
