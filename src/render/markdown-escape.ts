/**
 * Untrusted text (titles, timeline entries, action items) in Markdown that shows exactly what was
 * written. Characters stay characters: a backslash goes before the few that Markdown (GitHub's
 * flavour) would otherwise read as structure, never an HTML entity, so the raw file reads as well
 * as the rendered one.
 */

/**
 * One character at a time, judged by its neighbours in the original text:
 * - `*`, `` ` ``, `[`, `]`, `~`, `|`, `$` always (emphasis, code, links, strikethrough, table
 *   cells, GitHub's math);
 * - `_` unless inside a word (`orders_db_pool` cannot become emphasis);
 * - `<` before what could open a tag, a comment or an autolink;
 * - `&` before what could read as an entity (`&gt;` typed out stays `&gt;`);
 * - `\` before punctuation or at the end, where it would escape something or break the line.
 */
const INLINE_SPECIAL = /\\(?=[!-/:-@[-`{-~]|$)|[*`[\]~|$]|_|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)/gmu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function escapeInline(text: string): string {
  return text.replace(INLINE_SPECIAL, (char, offset: number, whole: string) => {
    if (char === '_' && WORD_CHAR.test(whole[offset - 1] ?? '') && WORD_CHAR.test(whole[offset + 1] ?? '')) return char;
    return `\\${char}`;
  });
}

/**
 * What a line may not start with: a heading, a quote, a list item or a thematic break or setext
 * underline (`-`, `+`, `=`). `*` and `_` are already escaped wherever they are.
 */
function escapeLineStart(line: string): string {
  return line.replace(/^[#>+=-]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** Text on one line, wherever inline Markdown is read: line breaks and runs of spaces become one space. */
export function markdownInline(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim());
}

/** One line that starts a block of its own (a list item's text, a paragraph). */
export function markdownLine(text: string): string {
  return escapeLineStart(markdownInline(text));
}

/** A heading's text: a `#` anywhere could end the heading early (`Disk full #`), so every one is escaped. */
export function markdownHeading(text: string): string {
  return markdownInline(text).replace(/#/g, '\\#');
}

/**
 * Paragraphs as written in a text box: lines stay lines (a hard break, `\` at the end), blank
 * lines separate paragraphs, and no line can start a heading, list, quote, table or code block.
 * Leading spaces go: four of them would make the line code.
 */
export function markdownParagraphs(text: string): string {
  return text
    .split(/(?:\r\n?|\n)\s*(?:\r\n?|\n)/)
    .map((paragraph) =>
      paragraph
        .split(/\r\n?|\n/)
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .map((line) => escapeLineStart(escapeInline(line)))
        .join('\\\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

/**
 * A link, or the text alone when the URL is not a web address (a `javascript:` link must never
 * become clickable). Characters that would end the link's destination early are percent-encoded.
 */
export function markdownLink(label: string, url: string): string {
  const href = url.trim();
  if (!/^https?:\/\/\S+$/i.test(href)) return markdownInline(label);
  const target = href.replace(/[()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${markdownInline(label)}](${target})`;
}
