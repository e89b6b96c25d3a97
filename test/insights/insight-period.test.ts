import { latestOccurrence, parseDigestSchedule, type DigestSchedule } from '../../src/insights/digest-schedule';
import { digestPeriod, insightPeriod, parsePeriodName, weeksOf } from '../../src/insights/insight-period';

const iso = (d: Date) => d.toISOString();
const range = (r: { from: Date; to: Date }) => [iso(r.from), iso(r.to)];

describe('insight periods', () => {
  it('reads the period names, 30d when none is given', () => {
    expect(parsePeriodName('')).toBe('30d');
    expect(parsePeriodName(' 90D ')).toBe('90d');
    expect(parsePeriodName('Quarter')).toBe('quarter');
    expect(parsePeriodName('year')).toBe('year');
    expect(parsePeriodName('week')).toBeUndefined();
  });

  it('takes 30 and 90 days back from now, compared with as many days before', () => {
    const p = insightPeriod('30d', new Date('2026-12-01T15:30:00Z'), 'Europe/Berlin');
    expect(range(p)).toEqual(['2026-11-01T15:30:00.000Z', '2026-12-01T15:30:00.000Z']);
    expect(range(p.previous)).toEqual(['2026-10-02T15:30:00.000Z', '2026-11-01T15:30:00.000Z']);
    expect([p.label, p.previousLabel]).toEqual(['Last 30 days', 'the 30 days before']);
    expect(range(insightPeriod('90d', new Date('2026-12-01T00:00:00Z'), 'UTC').previous)).toEqual(['2026-06-04T00:00:00.000Z', '2026-09-02T00:00:00.000Z']);
  });

  it('takes the calendar quarter so far in the zone, compared with the same length of the quarter before', () => {
    // Q4 began at 00:00 on 1 October in Berlin (22:00 UTC the day before, summer time).
    const p = insightPeriod('quarter', new Date('2026-11-15T12:00:00Z'), 'Europe/Berlin');
    expect(range(p)).toEqual(['2026-09-30T22:00:00.000Z', '2026-11-15T12:00:00.000Z']);
    expect(range(p.previous)).toEqual(['2026-06-30T22:00:00.000Z', '2026-08-15T12:00:00.000Z']);
    expect([p.label, p.previousLabel]).toEqual(['Q4 2026 so far', 'the same part of Q3 2026']);
  });

  it('cuts the quarter before at its end when this one is longer', () => {
    // On 30 June Q2 has run 90 days 22 hours; Q1 (in Berlin) lasted 89 days 23 hours.
    const p = insightPeriod('quarter', new Date('2026-06-30T20:00:00Z'), 'Europe/Berlin');
    expect(range(p.previous)).toEqual(['2025-12-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  });

  it('takes the calendar year so far, compared with the same part of last year', () => {
    const p = insightPeriod('year', new Date('2026-03-01T00:00:00Z'), 'UTC');
    expect(range(p)).toEqual(['2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    expect(range(p.previous)).toEqual(['2025-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z']);
    expect(p.label).toBe('2026 so far');
  });

  it('gives the digest the 7 days before its scheduled time', () => {
    const p = digestPeriod(new Date('2026-11-30T08:00:00Z'), 'Europe/Berlin');
    expect(range(p)).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-30T08:00:00.000Z']);
    expect(range(p.previous)).toEqual(['2026-11-16T08:00:00.000Z', '2026-11-23T08:00:00.000Z']);
  });

  it('starts the chart weeks on Monday in the zone', () => {
    // Sunday 1 November 2026, 23:30 UTC is already Monday 2 November in Berlin.
    const weeks = weeksOf({ from: new Date('2026-11-01T23:30:00Z'), to: new Date('2026-11-10T00:00:00Z'), timeZone: 'Europe/Berlin' });
    expect(weeks.map((w) => [w.label, iso(w.start)])).toEqual([
      ['2026-11-02', '2026-11-01T23:00:00.000Z'],
      ['2026-11-09', '2026-11-08T23:00:00.000Z'],
    ]);
  });
});

describe('the digest schedule', () => {
  const schedule = (text: string, zone = 'UTC') => parseDigestSchedule(text, zone) as DigestSchedule;

  it('reads a day, a 24-hour time and a zone', () => {
    expect(parseDigestSchedule('MON 09:00 Europe/Berlin', 'UTC')).toEqual({ weekday: 1, hour: 9, minute: 0, timeZone: 'Europe/Berlin', text: 'MON 09:00 Europe/Berlin' });
    expect(parseDigestSchedule('friday 7:30', 'America/New_York')).toEqual({ weekday: 5, hour: 7, minute: 30, timeZone: 'America/New_York', text: 'FRI 07:30 America/New_York' });
  });

  it('says what is wrong with anything else', () => {
    for (const bad of ['MO 09:00', 'MON 25:00', 'MON 9', 'every monday', '09:00 MON']) {
      expect(parseDigestSchedule(bad, 'UTC')).toEqual({ problem: expect.stringContaining('MON 09:00 Europe/Berlin') });
    }
    expect(parseDigestSchedule('MON 09:00 Mars/Olympus', 'UTC')).toEqual({ problem: expect.stringContaining('"Mars/Olympus"') });
  });

  it('owes the latest scheduled time at or before now, in the zone', () => {
    const monday = schedule('MON 09:00 Europe/Berlin');
    expect(iso(latestOccurrence(monday, new Date('2026-11-30T08:00:00Z')))).toBe('2026-11-30T08:00:00.000Z');
    expect(iso(latestOccurrence(monday, new Date('2026-11-30T07:59:59Z')))).toBe('2026-11-23T08:00:00.000Z');
    expect(iso(latestOccurrence(monday, new Date('2026-12-06T23:00:00Z')))).toBe('2026-11-30T08:00:00.000Z');
    // The Monday after summer time ends: 09:00 is 08:00 UTC, not yet at 07:00; the Monday before was 07:00 UTC.
    expect(iso(latestOccurrence(monday, new Date('2026-10-26T07:00:00Z')))).toBe('2026-10-19T07:00:00.000Z');
  });

  it('takes a time the clocks skip as the same moment an hour on', () => {
    // Summer time began in Berlin on Sunday 29 March 2026 at 02:00: 02:30 never happened.
    expect(iso(latestOccurrence(schedule('SUN 02:30 Europe/Berlin'), new Date('2026-03-29T12:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
  });
});
