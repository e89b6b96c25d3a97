/**
 * Text people type, made safe to store and to show, once, where a payload is read.
 *
 * - NUL goes everywhere: PostgreSQL refuses text containing U+0000.
 * - Line breaks become `\n`: a lone `\r` is a line break to Markdown readers but not to us, and
 *   it turned a summary line into a heading.
 * - Other C0 and C1 control characters go: nobody means to type them, and terminals and
 *   renderers act on some of them.
 *
 * One-line text (a title, a note) also loses direction overrides and isolates, which make a
 * title read differently from what it says, and zero-width characters, which make two titles
 * that look the same differ. Its line breaks are kept so that the rules can refuse them.
 */

/** `\r\n`, a lone `\r`, NEL and the Unicode line and paragraph separators. */
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;

/** C0 controls other than `\t` and `\n`, DEL, and the C1 controls. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Left-to-right and right-to-left embeddings and overrides (U+202A–202E) and isolates (U+2066–2069). */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Zero-width space, non-joiner and joiner, word joiner, and the byte-order mark. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Text of any length, e.g. a description or a timeline entry: line breaks and tabs kept. */
export function normaliseTypedText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(CONTROLS, '');
}

/** One line of text, e.g. a title: as {@link normaliseTypedText}, tabs as spaces, and nothing invisible. */
export function normaliseTypedLine(text: string): string {
  return normaliseTypedText(text).replace(/\t/g, ' ').replace(DIRECTION_CONTROLS, '').replace(ZERO_WIDTH, '');
}

/** Whether normalised text runs over more than one line. */
export function hasLineBreak(text: string): boolean {
  return text.includes('\n');
}

/** Normalised text on one line: each run of line breaks (with the spaces around it) becomes one space. */
export function joinLines(text: string): string {
  return text.replace(/[ \t]*\n[\s]*/g, ' ');
}
