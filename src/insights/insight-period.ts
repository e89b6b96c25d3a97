import { TZDate } from '@date-fns/tz';
import { addWeeks, format, getQuarter, startOfQuarter, startOfWeek, startOfYear, subQuarters, subYears } from 'date-fns';

/** The periods `/incident insights` offers; `30d` when none is named. */
export const PERIOD_NAMES = ['30d', '90d', 'quarter', 'year'] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];
export const DEFAULT_PERIOD: PeriodName = '30d';

/** From `from` (included) to `to` (excluded), as UTC instants. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** What the figures cover and what they are compared with. */
export interface InsightPeriod extends TimeRange {
  /** A {@link PeriodName}, or `7d` for the weekly digest. */
  name: PeriodName | '7d';
  /** "Last 30 days", "Q4 2026 so far". */
  label: string;
  /** The period before, of the same length. */
  previous: TimeRange;
  /** "the 30 days before", "the same part of Q3 2026". */
  previousLabel: string;
  /** Where calendar quarters, years and weeks begin. */
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** `30d`, `90d`, `quarter` or `year`, in any case; empty means the default; undefined when it is none of them. */
export function parsePeriodName(text: string): PeriodName | undefined {
  const value = text.trim().toLowerCase();
  if (value === '') return DEFAULT_PERIOD;
  return PERIOD_NAMES.find((name) => name === value);
}

/**
 * The period a person asked for, at `now`, with the one before it:
 * - `30d` and `90d` are the last 30 or 90 days (× 24 hours) up to now, compared with the 30 or 90
 *   days before them;
 * - `quarter` is the current calendar quarter so far in `timeZone` (from 00:00 on its first day),
 *   compared with the same length of time from the start of the previous quarter (cut at that
 *   quarter's end, for the day or two a long quarter has over a short one);
 * - `year` is the calendar year so far, compared with the same part of the year before.
 */
export function insightPeriod(name: PeriodName, now: Date, timeZone: string): InsightPeriod {
  switch (name) {
    case '30d':
    case '90d': {
      const days = name === '30d' ? 30 : 90;
      return rolling(name, days, now, timeZone, `Last ${days} days`, `the ${days} days before`);
    }
    case 'quarter': {
      const start = startOfQuarter(new TZDate(now.getTime(), timeZone));
      const previousStart = subQuarters(start, 1);
      const quarterName = (d: Date) => `Q${getQuarter(d)} ${format(d, 'yyyy')}`;
      return soFar(name, start, previousStart, now, timeZone, `${quarterName(start)} so far`, `the same part of ${quarterName(previousStart)}`);
    }
    case 'year': {
      const start = startOfYear(new TZDate(now.getTime(), timeZone));
      const previousStart = subYears(start, 1);
      return soFar(name, start, previousStart, now, timeZone, `${format(start, 'yyyy')} so far`, `the same part of ${format(previousStart, 'yyyy')}`);
    }
  }
}

/** The weekly digest's period: the 7 days before its scheduled time, compared with the 7 before those. */
export function digestPeriod(dueAt: Date, timeZone: string): InsightPeriod {
  return rolling('7d', 7, dueAt, timeZone, 'Past 7 days', 'the week before');
}

function rolling(name: InsightPeriod['name'], days: number, now: Date, timeZone: string, label: string, previousLabel: string): InsightPeriod {
  const from = new Date(now.getTime() - days * DAY_MS);
  return { name, label, from, to: new Date(now.getTime()), previous: { from: new Date(from.getTime() - days * DAY_MS), to: from }, previousLabel, timeZone };
}

function soFar(name: PeriodName, start: Date, previousStart: Date, now: Date, timeZone: string, label: string, previousLabel: string): InsightPeriod {
  const elapsed = now.getTime() - start.getTime();
  const previousEnd = Math.min(previousStart.getTime() + elapsed, start.getTime());
  return {
    name,
    label,
    from: new Date(start.getTime()),
    to: new Date(now.getTime()),
    previous: { from: new Date(previousStart.getTime()), to: new Date(previousEnd) },
    previousLabel,
    timeZone,
  };
}

/** A week of the chart: it starts on Monday at 00:00 in the period's zone. */
export interface Week {
  start: Date;
  /** Its Monday, `yyyy-MM-dd`. */
  label: string;
}

/** The weeks the period touches, the first one starting on or before `from`. */
export function weeksOf(period: Pick<InsightPeriod, 'from' | 'to' | 'timeZone'>): Week[] {
  const weeks: Week[] = [];
  let start = startOfWeek(new TZDate(period.from.getTime(), period.timeZone), { weekStartsOn: 1 });
  while (start.getTime() < period.to.getTime()) {
    weeks.push({ start: new Date(start.getTime()), label: format(start, 'yyyy-MM-dd') });
    start = addWeeks(start, 1);
  }
  return weeks;
}
