/**
 * RFC 3339 date-times (`2021-10-12T09:51:03.157076+02:00`), read strictly: `Date.parse` alone
 * accepts other shapes and rolls impossible dates over (February 30 becomes March 2), so the
 * shape and every field are checked first. Go writes up to nine fraction digits; milliseconds
 * are kept.
 */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** The instant, or null when the text is not an RFC 3339 date-time. */
export function parseRfc3339(value: string): Date | null {
  const match = RFC_3339.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = '', sign, offsetHour, offsetMinute] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  // A leap second (:60) is valid RFC 3339 but no source we read emits one, and Date cannot hold it.
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  if (sign && (Number(offsetHour) > 23 || Number(offsetMinute) > 59)) return null;
  const millis = (fraction + '00').slice(0, 3);
  const offset = sign ? `${sign}${offsetHour}:${offsetMinute}` : 'Z';
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  return Number.isNaN(time) ? null : new Date(time);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one. setUTCFullYear, unlike Date.UTC, does
  // not read years below 100 as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/**
 * Go's zero `time.Time` (`0001-01-01T00:00:00Z`), which Alertmanager and Grafana write for "not
 * set", e.g. the `endsAt` of an alert still firing.
 */
export function isGoZeroTime(value: string): boolean {
  return /^0001-01-01[Tt]00:00:00(?:\.0+)?(?:[Zz]|[+-]00:00)$/.test(value);
}

/**
 * An epoch number in milliseconds, microseconds or nanoseconds, told apart by size: Opsgenie
 * documents `createdAt` in milliseconds but its samples carry `updatedAt` in nanoseconds
 * (1420452224764002246). Every date from 1973 to the year 5138 is below 1e14 in milliseconds,
 * between 1e14 and 1e17 in microseconds, and above 1e17 in nanoseconds.
 */
export function epochToDate(value: number): Date | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const millis = value >= 1e17 ? value / 1e6 : value >= 1e14 ? value / 1e3 : value;
  const date = new Date(Math.floor(millis));
  return Number.isNaN(date.getTime()) ? null : date;
}
