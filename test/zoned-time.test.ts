import { humanDuration } from '../src/duration';
import { instantFromLocal, isKnownTimeZone, localParts } from '../src/zoned-time';

describe('instantFromLocal', () => {
  it.each([
    ['2026-07-04', '02:14', 'America/Los_Angeles', '2026-07-04T09:14:00.000Z'],
    ['2026-01-15', '02:14', 'America/Los_Angeles', '2026-01-15T10:14:00.000Z'],
    ['2026-11-22', '09:00', 'Asia/Kolkata', '2026-11-22T03:30:00.000Z'],
    ['2026-03-29', '03:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
    ['2026-06-01', '00:00', 'UTC', '2026-06-01T00:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, iso) => {
    expect(instantFromLocal(date, time, zone)?.toISOString()).toBe(iso);
  });

  it('refuses dates and times that do not exist', () => {
    expect(instantFromLocal('2026-02-30', '10:00', 'UTC')).toBeNull();
    expect(instantFromLocal('2026-13-01', '10:00', 'UTC')).toBeNull();
    expect(instantFromLocal('2026-01-01', '25:00', 'UTC')).toBeNull();
    expect(instantFromLocal('yesterday', '10:00', 'UTC')).toBeNull();
  });
});

describe('localParts', () => {
  it('shows an instant on the wall clock of a zone, round-tripping with instantFromLocal', () => {
    const instant = new Date('2026-07-04T09:14:00Z');
    const parts = localParts(instant, 'America/Los_Angeles');
    expect(parts).toEqual({ date: '2026-07-04', time: '02:14' });
    expect(instantFromLocal(parts.date, parts.time, 'America/Los_Angeles')).toEqual(instant);
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA zones only', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone(undefined)).toBe(false);
  });
});

describe('humanDuration', () => {
  it.each([
    [30_000, 'under a minute'],
    [45 * 60_000, '45 min'],
    [2 * 3600_000 + 14 * 60_000, '2 h 14 min'],
    [3 * 3600_000, '3 h'],
    [3 * 86400_000 + 4 * 3600_000 + 5 * 60_000, '3 d 4 h'],
  ])('%d ms reads %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});
