/**
 * Slack refuses a section whose text passes 3000 characters; pieces stay a little under, so a
 * caller may add a marker or a bullet without counting.
 */
export const SECTION_TEXT_MAX = 2900;

/**
 * Splits text into pieces of at most `max` characters, each a run of whole lines, for one
 * section each. Only a line longer than `max` is cut inside, and never through an `&amp;`
 * entity or a `<…>` link or mention. Empty text is one empty piece.
 */
export function splitText(text: string, max: number = SECTION_TEXT_MAX): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (current) pieces.push(current);
      current = '';
      const cut = safeCut(rest, max);
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (current && current.length + 1 + rest.length > max) {
      pieces.push(current);
      current = rest;
    } else {
      current = current ? `${current}\n${rest}` : rest;
    }
  }
  if (current) pieces.push(current);
  return pieces.length ? pieces : [''];
}

/** A cut that does not split an `&amp;` entity or a `<…>` token in two. */
function safeCut(text: string, max: number): number {
  const head = text.slice(0, max);
  const open = Math.max(head.lastIndexOf('<'), head.lastIndexOf('&'));
  const closed = Math.max(head.lastIndexOf('>'), head.lastIndexOf(';'));
  return open > closed && open > 0 ? open : max;
}
