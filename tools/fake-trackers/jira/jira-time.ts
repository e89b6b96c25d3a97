import { TZDate } from '@date-fns/tz';

/** Jira's timestamp form, `2024-01-15T10:23:45.123+0000` (offset without a colon), in UTC. */
export function jiraTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** A calendar date `yyyy-MM-dd` that exists (Jira refuses 2024-02-30 as well as 15/01/2024). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

const PERIOD_UNITS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * The instant a JQL date value names. Absolute dates (`yyyy-MM-dd HH:mm`, `yyyy/MM/dd`, ...) are
 * read in the searching user's time zone, as Jira reads them, which is why a poll that sends UTC
 * wall-clock times misses updates for anyone whose profile is not in UTC. Periods (`-15m`,
 * `-1w 2d`) count from now. Undefined when the value is neither.
 */
export function jqlInstant(value: string, timeZone: string, now: number): number | undefined {
  const absolute = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (absolute) {
    const [, y, mo, d, h = '0', mi = '0'] = absolute;
    const month = Number(mo) - 1;
    const date = new TZDate(Number(y), month, Number(d), Number(h), Number(mi), timeZone);
    if (date.getMonth() !== month || date.getDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return undefined;
    return date.getTime();
  }
  const period = /^([-+]?)\s*((?:\d+\s*[wdhm]\s*)+)$/.exec(value.trim());
  if (period) {
    let total = 0;
    for (const [, n, unit] of (period[2] ?? '').matchAll(/(\d+)\s*([wdhm])/g)) total += Number(n) * (PERIOD_UNITS[unit ?? ''] ?? 0);
    return period[1] === '-' ? now - total : now + total;
  }
  return undefined;
}

/** Start of a calendar date in a time zone, for comparing due dates with JQL instants. */
export function startOfDateIn(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, 0, timeZone).getTime();
}
