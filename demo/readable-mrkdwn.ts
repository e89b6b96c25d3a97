import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

/** Who is reading, and how to name people and channels for them. */
export interface Reader {
  /** IANA zone that `<!date>` tokens are shown in, as Slack's client shows them to this reader. */
  timeZone: string;
  userName(id: string): string;
  channelName(id: string): string;
}

/** Slack's `<!date>` format tokens, as date-fns patterns. */
const DATE_TOKENS: Record<string, string> = {
  date_num: 'yyyy-MM-dd',
  date_slash: 'MM/dd/yyyy',
  date_short: 'MMM d',
  date_short_pretty: 'MMM d',
  date: 'MMMM d, yyyy',
  date_pretty: 'MMMM d, yyyy',
  date_long: 'EEEE, MMMM d, yyyy',
  date_long_pretty: 'EEEE, MMMM d, yyyy',
  time: 'HH:mm',
  time_secs: 'HH:mm:ss',
};

/** `CEST`, `EDT`, `IST`: the zone's short name at that instant, as people there write it. */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC';
  // Each locale knows the abbreviations of its own region; others get "GMT+2".
  const names = ['en-US', 'en-GB', 'en-IN'].map(
    (locale) =>
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value,
  );
  return names.find((name) => name && !name.startsWith('GMT')) ?? names[0] ?? timeZone;
}

/** `HH:mm` (or another date-fns pattern) of an instant in a zone. */
export function clockTime(instant: Date, timeZone: string, pattern = 'HH:mm'): string {
  return format(instant, pattern, { in: tz(timeZone) });
}

function renderDate(seconds: number, pattern: string, fallback: string, timeZone: string): string {
  const instant = new Date(seconds * 1000);
  let known = true;
  const text = pattern.replace(/\{(\w+)\}/g, (_all, token: string) => {
    const dateFormat = DATE_TOKENS[token];
    if (!dateFormat) {
      known = false;
      return '';
    }
    return format(instant, dateFormat, { in: tz(timeZone) });
  });
  if (!known) return fallback;
  return pattern.includes('{time') ? `${text} ${zoneAbbreviation(instant, timeZone)}` : text;
}

/**
 * Slack mrkdwn as a person reads it: mentions become names, `<!date>` tokens are shown in the
 * reader's zone, links show their label with an arrow, and entities are decoded.
 */
export function readableMrkdwn(text: string, reader: Reader): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_all, id: string) => `@${reader.userName(id)}`)
    .replace(/<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>/g, (_all, id: string, label?: string) => `#${label || reader.channelName(id)}`)
    .replace(/<!date\^(\d+)\^([^|>]*)(?:\^[^|>]*)?\|([^>]*)>/g, (_all, seconds: string, pattern: string, fallback: string) =>
      renderDate(Number(seconds), pattern, fallback, reader.timeZone),
    )
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_all, label?: string) => label ?? '@group')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_all, _url: string, label: string) => (label.endsWith('↗') ? label : `${label} ↗`))
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
