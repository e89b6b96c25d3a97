import { TZDate } from '@date-fns/tz';
import { isKnownTimeZone } from '../zoned-time';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/** When the weekly digest is posted: a day of the week and a time of day, in a zone. */
export interface DigestSchedule {
  /** 1 (Monday) to 7 (Sunday). */
  weekday: number;
  hour: number;
  minute: number;
  timeZone: string;
  /** As written back: `MON 09:00 Europe/Berlin`. */
  text: string;
}

/**
 * Reads `INSIGHTS_DIGEST`: a day (`MON`…`SUN`, or the day's English name), a 24-hour time and
 * optionally an IANA zone (`defaultTimeZone` otherwise), e.g. `MON 09:00 Europe/Berlin`.
 * Returns what is wrong, in words, when it is not that.
 */
export function parseDigestSchedule(value: string, defaultTimeZone: string): DigestSchedule | { problem: string } {
  const match = /^([A-Za-z]+)\s+(\d{1,2}):(\d{2})(?:\s+(\S+))?$/.exec(value.trim());
  const problem = { problem: `expected a day, a time and a zone such as MON 09:00 Europe/Berlin, got "${value}"` };
  if (!match) return problem;
  const [, day = '', hh = '', mm = '', zone] = match;
  // `MON`, `Mon`, `monday`: three letters at least, so `T` or `S` is never a guess.
  const index = day.length >= 3 ? WEEKDAYS.findIndex((name) => name.startsWith(day.toUpperCase())) : -1;
  const hour = Number(hh);
  const minute = Number(mm);
  if (index === -1 || hour > 23 || minute > 59) return problem;
  const timeZone = zone ?? defaultTimeZone;
  if (!isKnownTimeZone(timeZone)) return { problem: `expected an IANA time zone such as Europe/Berlin after the time, got "${timeZone}"` };
  const weekday = (WEEKDAYS[index] as string).slice(0, 3);
  return { weekday: index + 1, hour, minute, timeZone, text: `${weekday} ${hh.padStart(2, '0')}:${mm} ${timeZone}` };
}

/**
 * The latest scheduled time at or before `now`: the one the digest owes now. Only this one is
 * ever posted, so after downtime the digest catches up once instead of once per missed week.
 * On a day the clocks skip the time, it is the same moment an hour on (03:30 for 02:30).
 */
export function latestOccurrence(schedule: DigestSchedule, now: Date): Date {
  const local = new TZDate(now.getTime(), schedule.timeZone);
  for (let back = 0; back <= 7; back += 1) {
    const day = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - back, 12, 0, 0, schedule.timeZone);
    // getDay(): 0 is Sunday.
    if ((day.getDay() || 7) !== schedule.weekday) continue;
    const at = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), schedule.hour, schedule.minute, 0, schedule.timeZone);
    if (at.getTime() <= now.getTime()) return new Date(at.getTime());
  }
  // Unreachable: within eight days back there is always a past occurrence.
  throw new RangeError('no past occurrence of the digest schedule');
}
