import { afterWorkingDays, reminderInstant, retryDelayMs } from '../../src/action-items/reminder-schedule';
import { calendarDay } from '../../src/zoned-time';

describe('reminder schedule', () => {
  it('reminds at 09:00 on the due day in the owner’s own zone', () => {
    expect(reminderInstant('2026-12-01', 9, 'Pacific/Auckland').toISOString()).toBe('2026-11-30T20:00:00.000Z');
    expect(reminderInstant('2026-12-01', 9, 'America/Los_Angeles').toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(reminderInstant('2026-07-01', 9, 'America/Los_Angeles').toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(reminderInstant('2026-12-01', 9, 'UTC').toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('skips the weekend in the owner’s zone', () => {
    // Thursday 3 Dec 2026, 09:00 in Los Angeles: three working days later is Tuesday 8 Dec.
    const thursday = reminderInstant('2026-12-03', 9, 'America/Los_Angeles');
    expect(afterWorkingDays(thursday, 3, 9, 'America/Los_Angeles').toISOString()).toBe(reminderInstant('2026-12-08', 9, 'America/Los_Angeles').toISOString());
    // Friday 4 Dec in Auckland (already Friday there while it is Thursday in UTC): next is Wednesday 9 Dec.
    const friday = reminderInstant('2026-12-04', 9, 'Pacific/Auckland');
    expect(calendarDay(afterWorkingDays(friday, 3, 9, 'Pacific/Auckland'), 'Pacific/Auckland')).toBe('2026-12-09');
  });

  it('backs off exponentially, up to an hour', () => {
    expect([1, 2, 3, 7, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });
});
