import { humanDuration } from '../src/duration';
import { calendarDay, earliestToday, instantFromLocal, isKnownTimeZone, localParts } from '../src/zoned-time';

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

describe('calendarDay', () => {
  it('is the day on the calendar of the zone, not of UTC', () => {
    // 20:00 UTC on 30 November is already 1 December, 09:00, in Auckland.
    expect(calendarDay(new Date('2026-11-30T20:00:00Z'), 'Pacific/Auckland')).toBe('2026-12-01');
    expect(calendarDay(new Date('2026-12-01T05:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-30');
    expect(calendarDay(new Date('2026-12-01T05:00:00Z'), 'UTC')).toBe('2026-12-01');
  });

  it('turns at local midnight, across a change of daylight saving time', () => {
    // Paris leaves summer time on 25 October 2026: midnight is 22:00 UTC before, 23:00 UTC after.
    expect(calendarDay(new Date('2026-10-24T21:59:59Z'), 'Europe/Paris')).toBe('2026-10-24');
    expect(calendarDay(new Date('2026-10-24T22:00:00Z'), 'Europe/Paris')).toBe('2026-10-25');
    expect(calendarDay(new Date('2026-10-25T22:59:59Z'), 'Europe/Paris')).toBe('2026-10-25');
    expect(calendarDay(new Date('2026-10-25T23:00:00Z'), 'Europe/Paris')).toBe('2026-10-26');
  });

  it('gives the earliest today on Earth twelve hours behind UTC', () => {
    expect(earliestToday(new Date('2026-12-01T11:59:00Z'))).toBe('2026-11-30');
    expect(earliestToday(new Date('2026-12-01T12:00:00Z'))).toBe('2026-12-01');
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
