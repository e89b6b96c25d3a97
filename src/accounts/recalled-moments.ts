import { calendarDay, instantFromLocal, localParts } from '../zoned-time';
import type { AccountAnswers, AccountQuestion } from './account';

/** A moment a writer remembers, placed on the timeline as recalled (not captured). */
export interface RecalledMoment {
  at: Date;
  text: string;
  question: AccountQuestion;
}

/** The incident's span: a remembered moment far outside it is a misreading, not a finding. */
export interface MomentWindow {
  /** When impact started. */
  from: Date;
  /** The resolution, or now. */
  until: Date;
}

/** Moments this long before impact started still count (the deploy that led to it). */
export const BEFORE_IMPACT_MS = 6 * 3_600_000;
/** And this long after the resolution (the morning-after check). */
export const AFTER_RESOLUTION_MS = 24 * 3_600_000;

/** The answers whose lines may start with a time: what people noticed and what they did. */
const TIMED: AccountQuestion[] = ['noticed', 'did'];

/**
 * A line that starts with a time, optionally after a bullet and a date: "14:05 saw the error rate
 * climb", "- 2:40pm restarted the pods", "2026-11-30 23:50 — paged". The rest of the line is
 * what happened.
 */
const TIMED_LINE = /^(\s*(?:[-*•]\s*)?)(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?(?=[\s:,–—-])[\s:,–—-]*(.+)$/i;

interface TimedLine {
  bullet: string;
  at: Date;
  dated: boolean;
  text: string;
}

/**
 * A time without a date is the latest such time at or before `until` (the incident's resolution,
 * or now): an incident from 23:00 to 02:00 puts "23:10" on the first day and "01:30" on the second.
 */
function readLine(line: string, timeZone: string, until: Date): TimedLine | null {
  const match = TIMED_LINE.exec(line);
  if (!match) return null;
  const [, bullet, date, h, m, meridiem, rest] = match as unknown as [string, string, string | undefined, string, string, string | undefined, string];
  let hour = Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  const time = `${String(hour).padStart(2, '0')}:${m}`;
  const at = date ? instantFromLocal(date, time, timeZone) : latestAtOrBefore(time, timeZone, until);
  const text = rest.trim();
  return at && text ? { bullet, at, dated: Boolean(date), text } : null;
}

/**
 * The moments in an account, read in the writer's zone, that fall within the incident's span
 * (see {@link BEFORE_IMPACT_MS}). Lines without a time stay in the account only.
 */
export function recalledMoments(answers: AccountAnswers, timeZone: string, window: MomentWindow): RecalledMoment[] {
  const earliest = window.from.getTime() - BEFORE_IMPACT_MS;
  const latest = window.until.getTime() + AFTER_RESOLUTION_MS;
  const moments: RecalledMoment[] = [];
  for (const question of TIMED) {
    for (const line of answers[question].split(/\r?\n/)) {
      const read = readLine(line, timeZone, window.until);
      if (read && read.at.getTime() >= earliest && read.at.getTime() <= latest) moments.push({ at: read.at, text: read.text, question });
    }
  }
  return moments.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The answers as published: each time a line starts with is given in UTC ("19:22" written in
 * Kolkata becomes "13:52 UTC"), like every other time in the post-mortem. It also keeps an
 * anonymous writer's zone (and with it, often, who they are) out of what is published.
 */
export function answersInUtc(answers: AccountAnswers, timeZone: string, until: Date): AccountAnswers {
  const published = { ...answers };
  for (const question of TIMED) {
    published[question] = answers[question]
      .split(/\r?\n/)
      .map((line) => {
        const read = readLine(line, timeZone, until);
        if (!read) return line;
        const utc = localParts(read.at, 'UTC');
        return `${read.bullet}${read.dated ? `${utc.date} ` : ''}${utc.time} UTC ${read.text}`;
      })
      .join('\n');
  }
  return published;
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
