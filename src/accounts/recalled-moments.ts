import { calendarDay, instantFromLocal } from '../zoned-time';
import type { AccountAnswers, AccountQuestion } from './account';

/** A moment a writer remembers, placed on the timeline as recalled (not captured). */
export interface RecalledMoment {
  at: Date;
  text: string;
  question: AccountQuestion;
}

/** The answers whose lines may start with a time: what people noticed and what they did. */
const TIMED: AccountQuestion[] = ['noticed', 'did'];

/**
 * A line that starts with a time, optionally after a bullet and a date: "14:05 saw the error rate
 * climb", "- 2:40pm restarted the pods", "2026-11-30 23:50 — paged". The rest of the line is
 * what happened.
 */
const TIMED_LINE = /^\s*(?:[-*•]\s*)?(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?(?=[\s:,–—-])[\s:,–—-]*(.+)$/i;

/**
 * The moments in an account, read in the writer's zone. A time without a date is the latest such
 * time at or before `until` (the incident's resolution, or now): an incident from 23:00 to 02:00
 * puts "23:10" on the first day and "01:30" on the second. Lines without a time stay in the
 * account only.
 */
export function recalledMoments(answers: AccountAnswers, timeZone: string, until: Date): RecalledMoment[] {
  const moments: RecalledMoment[] = [];
  for (const question of TIMED) {
    for (const line of answers[question].split(/\r?\n/)) {
      const match = TIMED_LINE.exec(line);
      if (!match) continue;
      const [, date, h, m, meridiem, rest] = match as unknown as [string, string | undefined, string, string, string | undefined, string];
      let hour = Number(h);
      if (meridiem) {
        if (hour < 1 || hour > 12) continue;
        hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
      }
      const time = `${String(hour).padStart(2, '0')}:${m}`;
      const at = date ? instantFromLocal(date, time, timeZone) : latestAtOrBefore(time, timeZone, until);
      const text = rest.trim();
      if (at && text) moments.push({ at, text, question });
    }
  }
  return moments.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function latestAtOrBefore(time: string, timeZone: string, until: Date): Date | null {
  // Calendar days, not 24-hour steps: a day the clocks change is 23 or 25 hours long.
  let day = calendarDay(until, timeZone);
  for (let back = 0; back <= 2; back += 1) {
    const at = instantFromLocal(day, time, timeZone);
    if (at && at.getTime() <= until.getTime()) return at;
    // A time the clocks skipped that day did not happen then: it is not moved to another day.
    if (!at) return null;
    day = dayBefore(day);
  }
  return null;
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
