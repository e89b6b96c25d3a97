/**
 * Untrusted text, made safe to store and bounded, but not escaped: escaping belongs to whoever
 * renders it. Control characters go (a NUL would be refused by PostgreSQL, others garble a
 * terminal or a log line); newlines and tabs stay, because descriptions are written with them.
 */

/** C0 and C1 control characters except tab (\x09) and newline (\x0A); carriage returns are folded first. */
const CONTROL_CHARACTERS = /[\x00-\x08\x0B-\x1F\x7F-\x9F]/g;

const ELLIPSIS = '…';

export function stripControlCharacters(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
}

/** Cut to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/** Free text (a summary, a description): trimmed and bounded; null when nothing is left. */
export function boundedText(value: string | null | undefined, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = stripControlCharacters(value).trim();
  return text === '' ? null : truncate(text, max);
}

/** Text shown on one line (a title, a name, a severity word): every run of whitespace becomes one space. */
export function oneLine(value: string | null | undefined, max: number): string | null {
  if (typeof value !== 'string') return null;
  return boundedText(stripControlCharacters(value).replace(/\s+/g, ' '), max);
}
