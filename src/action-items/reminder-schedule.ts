import { TZDate } from '@date-fns/tz';
import { addDays, isWeekend } from 'date-fns';
import { calendarDay } from '../zoned-time';

/**
 * The instant of `hour`:00 on a calendar day (`yyyy-MM-dd`) in a zone: when a person in that zone
 * should hear about an item due that day.
 */
export function reminderInstant(day: string, hour: number, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, 0, 0, timeZone).getTime());
}

/**
 * The reminder `workingDays` working days after `from`, at `hour` in the owner's zone; Saturdays
 * and Sundays in that zone are skipped (a Friday reminder's follow-up comes on Wednesday, not
 * Monday, when it is every three working days).
 */
export function afterWorkingDays(from: Date, workingDays: number, hour: number, timeZone: string): Date {
  let local = new TZDate(from.getTime(), timeZone);
  let left = workingDays;
  while (left > 0) {
    local = addDays(local, 1);
    if (!isWeekend(local)) left -= 1;
  }
  return reminderInstant(calendarDay(local, timeZone), hour, timeZone);
}

/** Back-off for a reminder Slack refused: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60, 2 ** Math.max(0, attempt - 1)) * 60_000;
}

/** The next `hour`:00 in the zone after `now`: today's if it is still to come, else tomorrow's. */
export function nextReminderHour(now: Date, hour: number, timeZone: string): Date {
  const today = reminderInstant(calendarDay(now, timeZone), hour, timeZone);
  if (today > now) return today;
  return reminderInstant(calendarDay(addDays(new TZDate(now.getTime(), timeZone), 1), timeZone), hour, timeZone);
}

/** The calendar day (`yyyy-MM-dd`) `days` after another: plain calendar arithmetic, no zone needed. */
export function dayAfter(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The longest a reminder worked out from now can lie ahead: an overdue follow-up after
 * `workingDays` working days (a weekend on each side at most), put off a week by a snooze.
 */
export function longestWaitDays(workingDays: number): number {
  return Math.ceil((workingDays * 7) / 5) + 2 + 7;
}
