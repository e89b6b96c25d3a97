import type { LabelMatcher } from './alert-rules';

/** A matcher read from text, or what is wrong with the text, in words. */
export type ParsedMatcher = { ok: true; matcher: LabelMatcher } | { ok: false; problem: string };

export const MATCHER_SYNTAX = 'label="value", label!="value", label=~"regex" or label!~"regex"';

// Prometheus' label names, plus the dots, dashes and slashes other sources' labels carry
// (`app.kubernetes.io/name`); anything else can be written quoted, as Alertmanager allows.
const BARE_LABEL = /^[A-Za-z_][\w./-]*/;
const OPERATORS = ['=~', '!~', '!=', '='] as const;
// An unquoted value stops short of what would make a typo read as a matcher: a second `=`,
// spaces, commas (two matchers on one line) or quotes.
const BARE_VALUE = /^(?![=~!])[^\s",{}]*$/;

/**
 * Reads one matcher in Alertmanager's syntax: `label="value"`, `label!="value"`,
 * `label=~"regex"`, `label!~"regex"`. Spaces around the operator and unquoted simple values are
 * accepted (`env = prod`), as Alertmanager accepts them. In a quoted value `\"`, `\\` and `\n` are
 * escapes and any other backslash is kept, so `=~"api\d+"` means the regex `api\d+`. Regexes are
 * checked here: a matcher that parses is one that can run.
 */
export function parseMatcher(text: string): ParsedMatcher {
  const fail = (hint?: string): ParsedMatcher => ({
    ok: false,
    problem: `expected ${MATCHER_SYNTAX} (got ${quoteText(text)})${hint ? `; ${hint}` : ''}`,
  });
  let rest = text.trim();

  let label: string;
  if (rest.startsWith('"')) {
    const quoted = readQuoted(rest);
    if (!quoted) return fail('the label name\'s closing quote is missing');
    label = quoted.value;
    rest = quoted.rest;
  } else {
    const bare = BARE_LABEL.exec(rest);
    if (!bare) return fail();
    label = bare[0];
    rest = rest.slice(label.length);
  }
  if (!label) return fail('the label name is empty');
  rest = rest.trimStart();

  const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (!op) return fail(rest.startsWith(':') ? `write ${label}="value", not ${label}: value` : undefined);
  rest = rest.slice(op.length).trim();

  let value: string;
  if (rest.startsWith('"')) {
    const quoted = readQuoted(rest);
    if (!quoted) return fail('the closing quote is missing');
    if (quoted.rest.trim() !== '') {
      return fail(quoted.rest.trim().startsWith(',') ? 'write one matcher per list item' : 'unexpected text after the closing quote');
    }
    value = quoted.value;
  } else {
    if (!BARE_VALUE.test(rest)) {
      return fail(rest.includes(',') ? 'write one matcher per list item' : 'quote values that hold spaces, quotes or commas');
    }
    value = rest;
  }

  if (op === '=~' || op === '!~') {
    const regex = compileMatcherRegex(value);
    if (typeof regex === 'string') return { ok: false, problem: regex };
  }
  return { ok: true, matcher: { label, op, value } };
}

/**
 * Text quoted for a message, short enough for one line. Matchers are full of double quotes, so
 * those are shown in single quotes, as one would write them in YAML, rather than escaped.
 */
export function quoteText(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return short.includes('"') && !short.includes("'") ? `'${short}'` : JSON.stringify(short);
}

/** A double-quoted string at the start of `text`, unescaped as Alertmanager does, and what follows it. */
function readQuoted(text: string): { value: string; rest: string } | undefined {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (char === '"') return { value, rest: text.slice(i + 1) };
    if (char === '\\' && i + 1 < text.length) {
      const next = text[++i];
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    } else {
      value += char;
    }
  }
  return undefined;
}

/**
 * The regex of a `=~` or `!~` matcher, anchored at both ends as Alertmanager (Go's RE2) anchors
 * it: `=~"prod"` does not match `production`. A leading `(?i)`, `(?s)` or `(?m)`, common in
 * Alertmanager configurations, becomes the JavaScript flag. Returns the problem, in words, when
 * the pattern does not compile.
 */
export function compileMatcherRegex(pattern: string): RegExp | string {
  const flagged = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  const flags = [...new Set(flagged?.[1] ?? '')].join('');
  const body = pattern.slice(flagged?.[0].length ?? 0);
  const unsupported = [...flags].filter((flag) => !'ims'.includes(flag));
  if (unsupported.length > 0) {
    return `invalid regular expression ${quoteText(pattern)}: flag ${unsupported.join('')} is not supported (use i, m or s)`;
  }
  try {
    // Compiled alone first, so that `a)|(b` is refused instead of being read as `^(?:a)|(b)$`.
    new RegExp(body, flags);
    return new RegExp(`^(?:${body})$`, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^.*: /s, '') : String(error);
    return `invalid regular expression ${quoteText(pattern)}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
  }
}

const compiled = new WeakMap<LabelMatcher, RegExp | string>();

/**
 * Whether a set of labels satisfies a matcher. A label that is absent has the value "", as in
 * Alertmanager: `team=""` matches alerts without a team, `team!=""` only those with one. A regex
 * that cannot compile (a matcher built by hand, not by {@link parseMatcher}) matches nothing.
 */
export function matcherMatches(matcher: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const value = Object.hasOwn(labels, matcher.label) ? (labels[matcher.label] ?? '') : '';
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
    case '!~': {
      let regex = compiled.get(matcher);
      if (regex === undefined) {
        regex = compileMatcherRegex(matcher.value);
        compiled.set(matcher, regex);
      }
      if (typeof regex === 'string') return false;
      return regex.test(value) === (matcher.op === '=~');
    }
  }
}
