import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * The instant a person means by a wall-clock date and time in their own zone, e.g. "2026-03-29"
 * "02:30" in Europe/Paris. Null when the parts are not a real date and time.
 */
export function instantFromLocal(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const local = new TZDate(year, month - 1, day, hour, minute, 0, timeZone);
  if (local.getDate() !== day || local.getMonth() !== month - 1) return null;
  const instant = new Date(local.getTime());
  // A time the clocks skip (02:30 when they spring forward) would otherwise move an hour on.
  const shown = localParts(instant, timeZone);
  if (shown.date !== date || shown.time !== time) return null;
  return instant;
}

/**
 * The calendar day (`yyyy-MM-dd`) an instant falls on in a zone: "today" for a person there, and
 * the day a due date is compared with.
 */
export function calendarDay(instant: Date, timeZone: string): string {
  return format(instant, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** The wall-clock date (`yyyy-MM-dd`) and time (`HH:mm`) of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): { date: string; time: string } {
  return { date: calendarDay(instant, timeZone), time: format(instant, 'HH:mm', { in: tz(timeZone) }) };
}

/** Whether the zone name is one this runtime knows (Slack's `tz` can be missing or odd). */
export function isKnownTimeZone(timeZone: string | undefined | null): timeZone is string {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The earliest calendar day still current anywhere on Earth (UTC-12). A date on or after it is
 * "today or later" for someone; used where a person's own zone is not at hand.
 */
export function earliestToday(now: Date): string {
  return calendarDay(now, 'Etc/GMT+12');
}

/** Whether the text names a day on the calendar as `yyyy-MM-dd` (`2026-02-30` and `9999-99-99` do not). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}
