import { escapeMrkdwn } from '../../mrkdwn/escape';
import type { MeetingTime } from '../../postmortems/schedule-review';
import { isCalendarDay } from '../../zoned-time';

/** What `/incident review` was given: a date and a time of day on the person's own calendar, or why not. */
export type MeetingTimeReading = { ok: true; when: MeetingTime } | { ok: false; problem: string };

export const MEETING_TIME_EXAMPLES = '`/incident review 2026-12-08 14:00`, `/incident review tomorrow 2pm` or `/incident review friday 9:30`';

const USAGE = `Give the meeting's date and time in your own time zone, e.g. ${MEETING_TIME_EXAMPLES}.`;

const WEEKDAYS: ReadonlyArray<readonly string[]> = [
  ['sunday', 'sun'],
  ['monday', 'mon'],
  ['tuesday', 'tue', 'tues'],
  ['wednesday', 'wed'],
  ['thursday', 'thu', 'thur', 'thurs'],
  ['friday', 'fri'],
  ['saturday', 'sat'],
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day `days` after `day` (both `yyyy-MM-dd`): calendar arithmetic, no zone involved. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** `2026-12-08`, `today`, `tomorrow`, or a weekday (`friday`, `fri`): the next such day after today. */
export function readMeetingDate(word: string, today: string): string | null {
  const w = word.toLowerCase();
  if (isCalendarDay(w)) return w;
  if (w === 'today') return today;
  if (w === 'tomorrow') return addDays(today, 1);
  const weekday = WEEKDAYS.findIndex((names) => names.includes(w));
  if (weekday < 0) return null;
  const todayWeekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, ((weekday - todayWeekday + 6) % 7) + 1);
}

/** `14:00`, `9:30`, `2pm`, `2:30pm` (also `2 pm`, `2:30 p.m.`) as `HH:mm`; null for anything else. */
export function readMeetingClock(word: string): string | null {
  const w = word.toLowerCase().replace(/\s+/g, '').replace(/\./g, '');
  const clock = /^(\d{1,2}):(\d{2})$/.exec(w);
  if (clock) {
    const [hour, minute] = [Number(clock[1]), Number(clock[2])];
    return hour <= 23 && minute <= 59 ? `${pad(hour)}:${pad(minute)}` : null;
  }
  const meridiem = /^(\d{1,2})(?::(\d{2}))?(am|pm)$/.exec(w);
  if (!meridiem) return null;
  const [hour, minute] = [Number(meridiem[1]), Number(meridiem[2] ?? '0')];
  if (hour < 1 || hour > 12 || minute > 59) return null;
  return `${pad((hour % 12) + (meridiem[3] === 'pm' ? 12 : 0))}:${pad(minute)}`;
}

/**
 * Reads `<date> <time>` (either order; "at" and "next" may be typed too) as the day and time the
 * person means on their own calendar, `today` being their day now (`yyyy-MM-dd`). Whether that
 * moment exists in their zone and is still to come is for the scheduling to say.
 */
export function readMeetingTime(text: string, today: string): MeetingTimeReading {
  const words = text
    .trim()
    .replace(/\s+(a\.?m\.?|p\.?m\.?)(?=\s|$)/gi, '$1')
    .split(/\s+/)
    .filter((w) => w && !/^(at|next|on)$/i.test(w));
  if (words.length !== 2) return { ok: false, problem: USAGE };
  const [first, second] = words as [string, string];
  for (const [dateWord, timeWord] of [
    [first, second],
    [second, first],
  ] as const) {
    const date = readMeetingDate(dateWord, today);
    const time = readMeetingClock(timeWord);
    if (date && time) return { ok: true, when: { date, time } };
  }
  const dateWord = readMeetingClock(first) ? second : first;
  const timeWord = dateWord === first ? second : first;
  if (!readMeetingDate(dateWord, today)) {
    return { ok: false, problem: `"${escapeMrkdwn(dateWord)}" is not a date I know: use 2026-12-08, today, tomorrow or a weekday. ${USAGE}` };
  }
  return { ok: false, problem: `"${escapeMrkdwn(timeWord)}" is not a time I know: use 14:00, 9:30, 2pm or 2:30pm. ${USAGE}` };
}
