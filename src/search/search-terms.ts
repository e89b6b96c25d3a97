/** The most words a search uses; the rest are ignored (a pasted paragraph is not a query). */
export const MAX_TERMS = 8;
/** Longer "words" (a hash, a pasted token) are cut: neither index gains from more. */
const MAX_TERM_LENGTH = 48;

/**
 * Common English words both indexes would otherwise disagree on: PostgreSQL's English
 * configuration drops them, SQLite's FTS5 keeps them. Dropped here, a search means the same on both.
 */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have if in into is it its of on or our so than that the their then there these they this to was we were what when where which while who why will with'.split(' '),
);

/**
 * The words of what a person typed, lower-cased: runs of letters and digits, nothing else. Every
 * search-syntax character (quotes, `*`, `:`, `-`, `^`, parentheses) is a separator here, so no input
 * can form an FTS5 or tsquery expression; words such as NEAR, AND, OR and NOT are plain words.
 */
export function searchTerms(text: string): string[] {
  const words = (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.slice(0, MAX_TERM_LENGTH));
  return [...new Set(words.filter((w) => !STOP_WORDS.has(w)))].slice(0, MAX_TERMS);
}
