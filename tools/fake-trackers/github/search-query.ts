export interface SearchQualifier {
  name: string;
  value: string;
  /** `-label:bug`: everything without it. */
  negated: boolean;
}

export interface SearchQuery {
  /** Free words and quoted phrases, lower-cased. */
  terms: string[];
  qualifiers: SearchQualifier[];
}

/**
 * Splits a search `q` into words and `name:value` qualifiers, as GitHub's search syntax reads it:
 * spaces (or `+`, already decoded by the URL parser) separate them, double quotes keep a phrase or
 * a value with spaces together (`label:"help wanted"`), and a leading `-` negates a qualifier.
 */
export function parseSearchQuery(q: string): SearchQuery {
  const tokens = q.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const terms: string[] = [];
  const qualifiers: SearchQualifier[] = [];
  for (const token of tokens) {
    const qualifier = /^(-?)([A-Za-z_-]+):(.+)$/.exec(token);
    if (qualifier) {
      qualifiers.push({ negated: qualifier[1] === '-', name: qualifier[2]!.toLowerCase(), value: unquote(qualifier[3]!) });
    } else if (!/^(AND|OR|NOT)$/.test(token)) {
      terms.push(unquote(token).toLowerCase());
    }
  }
  return { terms: terms.filter((t) => t.length > 0), qualifiers };
}

function unquote(text: string): string {
  return text.replace(/^"(.*)"$/, '$1');
}

/**
 * Whether a time falls in a search range: `2024-05-01`, `>=2024-05-01T12:00:00Z`, `<2024-05-02`,
 * `2024-05-01..2024-05-07`, `*..2024-05-07`. A date alone covers its whole UTC day; a time covers its
 * second. Undefined when the range cannot be read.
 */
export function inDateRange(time: Date, range: string): boolean | undefined {
  const t = time.getTime();
  const span = (text: string): [number, number] | undefined => {
    if (text === '*') return [-Infinity, Infinity];
    const start = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(start)) return undefined;
    return [start, start + (/^\d{4}-\d{2}-\d{2}$/.test(text) ? 86_400_000 : 1000)];
  };
  const between = /^(.+)\.\.(.+)$/.exec(range);
  if (between) {
    const from = span(between[1]!);
    const to = span(between[2]!);
    return from && to ? t >= from[0] && t < to[1] : undefined;
  }
  const compared = /^(>=|<=|>|<)?(.+)$/.exec(range)!;
  const bounds = span(compared[2]!);
  if (!bounds) return undefined;
  const [start, end] = bounds;
  switch (compared[1]) {
    case '>=':
      return t >= start;
    case '>':
      return t >= end;
    case '<=':
      return t < end;
    case '<':
      return t < start;
    default:
      return t >= start && t < end;
  }
}
