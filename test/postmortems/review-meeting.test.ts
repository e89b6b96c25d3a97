import { facilitatorReminderAt } from '../../src/postmortems/review-meeting';

const reminder = (startsAt: string, timeZone: string, hour: number, now: string) =>
  facilitatorReminderAt(new Date(startsAt), timeZone, hour, new Date(now)).toISOString();

describe('facilitatorReminderAt', () => {
  it('reminds at the hour on the meeting’s day in the facilitator’s zone', () => {
    // A 14:00 Berlin meeting (13:00 UTC), reminded at 09:00 Berlin (08:00 UTC).
    expect(reminder('2026-12-08T13:00:00Z', 'Europe/Berlin', 9, '2026-12-01T10:00:00Z')).toBe('2026-12-08T08:00:00.000Z');
    // The same instant is 08:00 in New York: earlier than the 09:00 reminder, so an hour before.
    expect(reminder('2026-12-08T13:00:00Z', 'America/New_York', 9, '2026-12-01T10:00:00Z')).toBe('2026-12-08T12:00:00.000Z');
  });

  it('takes the meeting’s day in the facilitator’s zone, not in UTC', () => {
    // 09:30 on 9 December in Tokyo is still 8 December in UTC.
    expect(reminder('2026-12-09T00:30:00Z', 'Asia/Tokyo', 8, '2026-12-01T00:00:00Z')).toBe('2026-12-08T23:00:00.000Z');
  });

  it('reminds at least an hour ahead: a meeting at 09:10 with reminders at 09:00 is reminded at 08:10', () => {
    expect(reminder('2026-12-08T09:10:00Z', 'UTC', 9, '2026-12-01T00:00:00Z')).toBe('2026-12-08T08:10:00.000Z');
  });

  it('reminds an hour before a meeting that starts at or before the hour', () => {
    expect(reminder('2026-12-08T07:30:00Z', 'UTC', 9, '2026-12-01T00:00:00Z')).toBe('2026-12-08T06:30:00.000Z');
    expect(reminder('2026-12-08T09:00:00Z', 'UTC', 9, '2026-12-01T00:00:00Z')).toBe('2026-12-08T08:00:00.000Z');
  });

  it('never reminds before now: a meeting later today is reminded at once', () => {
    expect(reminder('2026-12-08T15:00:00Z', 'UTC', 9, '2026-12-08T11:00:00Z')).toBe('2026-12-08T11:00:00.000Z');
    expect(reminder('2026-12-08T07:30:00Z', 'UTC', 9, '2026-12-08T07:00:00Z')).toBe('2026-12-08T07:00:00.000Z');
  });
});
