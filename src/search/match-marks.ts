/**
 * Snippets come back from the database with each matched word between these two characters.
 * Control characters never reach the index (documents are cleaned when built), so a mark is
 * always the database's, never the writer's.
 */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** A snippet cut into plain and matched parts, marks removed, for a renderer to show. */
export function markedParts(snippet: string): Array<{ text: string; matched: boolean }> {
  const parts: Array<{ text: string; matched: boolean }> = [];
  for (const [i, piece] of snippet.split(MATCH_START).entries()) {
    const [matched, rest] = i === 0 ? [undefined, piece] : splitOnce(piece, MATCH_END);
    if (matched) parts.push({ text: matched, matched: true });
    if (rest) parts.push({ text: rest.replaceAll(MATCH_END, ''), matched: false });
  }
  return parts;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

export const hasMatch = (snippet: string): boolean => snippet.includes(MATCH_START);
