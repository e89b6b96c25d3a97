import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';

/** A JQL string value in double quotes, so a label or key is never read as an operator or keyword. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * An instant as a JQL date bound, `"yyyy/MM/dd HH:mm"`, at or before it. Jira reads such a value
 * as wall-clock time in the searching account's own zone (its profile's, not the site's nor UTC),
 * and to the minute only, so the instant is written in that zone and rounded down: a `>=` with it
 * then finds everything at or after the instant (and a few seconds before, which callers accept).
 * Where clocks go back, a wall-clock minute happens twice and Jira may read the later one; the
 * bound is then moved back an hour so nothing is missed.
 */
export function jqlDate(instant: Date, timeZone: string): string {
  let at = instant.getTime();
  for (let tries = 0; tries < 3; tries += 1) {
    const text = format(at, 'yyyy/MM/dd HH:mm', { in: tz(timeZone) });
    if (wallClockInstant(text, timeZone) <= instant.getTime()) return jqlString(text);
    at -= 3_600_000;
  }
  return jqlString(format(at, 'yyyy/MM/dd HH:mm', { in: tz(timeZone) }));
}

/** The instant a reader of `yyyy/MM/dd HH:mm` in the zone takes it for. */
function wallClockInstant(text: string, timeZone: string): number {
  const [y, mo, d, h, mi] = text.split(/[/ :]/).map(Number) as [number, number, number, number, number];
  return new TZDate(y, mo - 1, d, h, mi, timeZone).getTime();
}
