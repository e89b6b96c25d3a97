/**
 * What Slack reports about a user's zone: `tz_offset` in seconds east of UTC and a long label,
 * both as of a given instant, so daylight saving shows up the way it does in users.info.
 */
export function timeZoneInfo(tz: string, atMs: number): { tz_label: string; tz_offset: number } {
  let offsetName: string;
  let label: string;
  try {
    offsetName = partOf(new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }), atMs);
    label = partOf(new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }), atMs);
  } catch {
    throw new Error(`Unknown IANA time zone: ${tz}`);
  }
  return { tz_label: label, tz_offset: parseOffset(offsetName) };
}

function partOf(format: Intl.DateTimeFormat, atMs: number): string {
  return format.formatToParts(new Date(atMs)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
}

/** "GMT", "GMT+05:30", "GMT-07:00" → seconds. */
function parseOffset(name: string): number {
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match || !match[1]) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}
