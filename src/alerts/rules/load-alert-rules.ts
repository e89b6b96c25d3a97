import { readFileSync } from 'node:fs';
import { type Document, LineCounter, isNode, parseDocument } from 'yaml';
import { z } from 'zod';
import { type Severity, parseSeverity } from '../../incidents/severity';
import { ALERT_SOURCES } from '../alert-notification';
import { ALERT_ACTIONS, type AlertRule, type AlertRules, type LabelMatcher } from './alert-rules';
import { DEFAULT_SEVERITY_MAP } from './map-severity';
import { MATCHER_SYNTAX, parseMatcher, quoteText } from './parse-matcher';

/** The rules, or every problem with the file, each one line that says where it is. */
export type AlertRulesResult = { rules: AlertRules } | { problems: string[] };

/**
 * Thrown by {@link loadAlertRules}. Like the configuration's error, it lists every problem at
 * once, so the file is fixed in one pass instead of one restart per mistake.
 */
export class AlertRulesError extends Error {
  readonly code = 'alert_rules_invalid';
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super([`The alert rules in ${path} cannot be used:`].concat(problems.map((problem) => `  - ${problem}`)).join('\n'));
    this.name = 'AlertRulesError';
  }
}

/** Reads the `ALERT_RULES` file. Throws {@link AlertRulesError} naming every problem. */
export function loadAlertRules(path: string): AlertRules {
  const result = readAlertRules(path);
  if ('problems' in result) throw new AlertRulesError(path, result.problems);
  return result.rules;
}

/** Reads and checks the `ALERT_RULES` file; a file that cannot be read is one problem. */
export function readAlertRules(path: string): AlertRulesResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problems: [`cannot read ${path}: ${readFailure(error)}`] };
  }
  return parseAlertRules(text);
}

/**
 * Checks the text of an alert rules file: YAML syntax first (nothing else can be trusted while it
 * is broken), then everything else at once. Unknown keys are problems, so a typo such as `acton:`
 * cannot quietly fall back to a default. An empty file means no rules and the default severity words.
 */
export function parseAlertRules(text: string): AlertRulesResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
        return `line ${line}: YAML syntax error: ${error.message.split('\n')[0]}`;
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { problems: [`YAML alias error: ${error instanceof Error ? error.message : String(error)}`] };
  }

  const problems: Located[] = [];
  const parsed = fileSchema.safeParse(data ?? {}, { error: wordsFor });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ path: [...issue.path, key], message: unknownKey(issue.path, key) });
      } else {
        problems.push({ path: issue.path, message: issue.message });
      }
    }
  }
  problems.push(...relationProblems(data));
  if (problems.length > 0 || !parsed.success) return { problems: describeAll(problems, doc, lineCounter) };

  const file = parsed.data;
  return {
    rules: {
      rules: (file.rules ?? []).map((rule, index) => toRule(rule, index)),
      severityMap: Object.fromEntries([
        ...Object.entries(DEFAULT_SEVERITY_MAP),
        ...Object.entries(file.severity ?? {}).map(([word, severity]) => [word.trim().toLowerCase(), severity] as const),
      ]),
    },
  };
}

// ---- The file's shape -------------------------------------------------------------------

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const LABEL_NAME = /^[A-Za-z_][\w./-]*$/;

const FILE_KEYS = ['severity', 'rules'];
const RULE_KEYS = ['name', 'match', 'action', 'channel', 'responders', 'attach_by'];
const MATCH_KEYS = ['source', 'severity', 'matchers'];

/** A value in words, for "(got …)": text quoted, other kinds named. */
function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return quoteText(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Words for what the schemas below do not word themselves. */
function wordsFor(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    const expected: Record<string, string> = { string: 'text', array: 'a list', object: 'a mapping', number: 'a number' };
    return `expected ${expected[issue.expected] ?? issue.expected} (got ${describe(issue.input)})`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') return 'expected at least one item';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'expected some text (got "")';
  return undefined;
}

/** An empty value (`key:` with nothing after it) is the same as leaving the key out. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema.optional());

/** One item or a list of them: `source: alertmanager` or `source: [alertmanager, grafana]`. */
const oneOrMany = <T extends z.ZodType>(item: T, min: { count: number; message?: string }) =>
  z.preprocess(
    (v) => (v === undefined || Array.isArray(v) ? v : [v]),
    z.array(item).min(min.count, min.message === undefined ? undefined : { error: min.message }),
  );

/** Text that YAML may have read as a number (`severity: 1`, `name: 503`). */
const word = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1));

const sourceName = z.enum(ALERT_SOURCES, {
  error: (i) => `expected one of ${ALERT_SOURCES.join(', ')} (got ${describe(i.input)})`,
});

const severityLevel = z.unknown().transform((value, ctx): Severity => {
  const severity = typeof value === 'string' || typeof value === 'number' ? parseSeverity(String(value)) : undefined;
  if (severity) return severity;
  ctx.addIssue({ code: 'custom', message: `expected SEV1, SEV2, SEV3 or SEV4 (got ${describe(value)})` });
  return z.NEVER;
});

const matcher = z.unknown().transform((value, ctx): LabelMatcher => {
  if (typeof value === 'string') {
    const parsed = parseMatcher(value);
    if (parsed.ok) return parsed.matcher;
    ctx.addIssue({ code: 'custom', message: parsed.problem });
  } else {
    const hint = value !== null && typeof value === 'object' && !Array.isArray(value) ? '; quote it: \'team="payments"\'' : '';
    ctx.addIssue({
      code: 'custom',
      message: `expected ${MATCHER_SYNTAX} (got ${describe(value)})${hint}`,
    });
  }
  return z.NEVER;
});

const channelId = z
  .string()
  .trim()
  .regex(CHANNEL_ID, { error: (i) => `expected a channel id such as C0123ABCD (not a #name) (got ${describe(i.input)})` });

const userId = z
  .string()
  .trim()
  .regex(USER_ID, { error: (i) => `expected a user id such as U0123ABCD (not an @name) (got ${describe(i.input)})` });

const labelName = z
  .string()
  .trim()
  .regex(LABEL_NAME, { error: (i) => `expected a label name such as service (got ${describe(i.input)})` });

const matchSchema = z.strictObject(
  {
    source: optional(oneOrMany(sourceName, { count: 1, message: 'expected at least one source; leave source out to match any' })),
    severity: optional(oneOrMany(word, { count: 1, message: 'expected at least one word; leave severity out to match any' })),
    matchers: optional(oneOrMany(matcher, { count: 0 })),
  },
  { error: (i) => (i.code === 'invalid_type' ? `expected a mapping of source, severity and matchers (got ${describe(i.input)})` : undefined) },
);

const ruleSchema = z.strictObject(
  {
    name: optional(word),
    match: optional(matchSchema),
    action: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.enum(ALERT_ACTIONS, {
        error: (i) =>
          i.input === undefined
            ? `required: one of ${ALERT_ACTIONS.join(', ')}`
            : `expected one of ${ALERT_ACTIONS.join(', ')} (got ${describe(i.input)})`,
      }),
    ),
    channel: optional(channelId),
    responders: optional(oneOrMany(userId, { count: 0 })),
    attach_by: optional(oneOrMany(labelName, { count: 1, message: 'expected at least one label, such as [service]' })),
  },
  {
    error: (i) => (i.code === 'invalid_type' ? `expected a rule: a mapping with match and action (got ${describe(i.input)})` : undefined),
  },
);

const fileSchema = z.strictObject(
  {
    severity: optional(
      z.record(z.string(), severityLevel, {
        error: (i) =>
          i.code === 'invalid_type' ? `expected a mapping of severity words to SEVs, such as page: SEV1 (got ${describe(i.input)})` : undefined,
      }),
    ),
    rules: optional(
      z.array(ruleSchema, {
        error: (i) => (i.code === 'invalid_type' ? `expected a list of rules, each starting with "- " (got ${describe(i.input)})` : undefined),
      }),
    ),
  },
  {
    error: (i) =>
      i.code === 'invalid_type' ? `expected a mapping with rules: and severity: (got ${describe(i.input)})` : undefined,
  },
);

type ParsedRule = z.output<typeof ruleSchema>;

function toRule(rule: ParsedRule, index: number): AlertRule {
  const match = rule.match ?? {};
  return {
    name: rule.name ?? `rules[${index}]`,
    match: {
      ...(match.source ? { sources: [...new Set(match.source)] } : {}),
      ...(match.severity ? { severities: [...new Set(match.severity.map((w) => w.toLowerCase()))] } : {}),
      matchers: match.matchers ?? [],
    },
    action: rule.action,
    ...(rule.channel ? { channel: rule.channel } : {}),
    responders: [...new Set(rule.responders ?? [])],
    attachBy: [...new Set(rule.attach_by ?? [])],
  };
}

// ---- What the shape alone cannot say ----------------------------------------------------

interface Located {
  path: readonly PropertyKey[];
  message: string;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const present = (value: unknown) => value !== undefined && value !== null;

/**
 * Keys that only some actions use, and words that collide. Read from the raw file rather than the
 * schema's output, so these are reported together with every other problem.
 */
function relationProblems(data: unknown): Located[] {
  const problems: Located[] = [];
  if (!isMapping(data)) return problems;

  if (Array.isArray(data.rules)) {
    data.rules.forEach((rule, index) => {
      if (!isMapping(rule) || typeof rule.action !== 'string') return;
      const action = rule.action.trim().toLowerCase();
      if (!(ALERT_ACTIONS as readonly string[]).includes(action)) return;
      const at = (key: string) => ['rules', index, key];
      if (present(rule.responders) && action !== 'declare') {
        problems.push({ path: at('responders'), message: `only used by action: declare (this rule's action is ${action})` });
      }
      if (present(rule.attach_by) && action !== 'attach') {
        problems.push({ path: at('attach_by'), message: `only used by action: attach (this rule's action is ${action})` });
      }
      if (!present(rule.attach_by) && action === 'attach') {
        problems.push({
          path: at('attach_by'),
          message: "required by action: attach: the labels an open incident's alerts must share, such as [service]",
        });
      }
      if (present(rule.channel) && action === 'ignore') {
        problems.push({ path: at('channel'), message: 'not used by action: ignore (nothing is posted)' });
      }
    });
  }

  if (isMapping(data.severity)) {
    const seen = new Map<string, string>();
    for (const key of Object.keys(data.severity)) {
      const normal = key.trim().toLowerCase();
      const earlier = seen.get(normal);
      if (earlier !== undefined) {
        problems.push({ path: ['severity', key], message: `the same word as ${JSON.stringify(earlier)} (words are compared without case)` });
      } else {
        seen.set(normal, key);
      }
      if (normal === '') problems.push({ path: ['severity', key], message: 'expected a severity word (got "")' });
    }
  }
  return problems;
}

function unknownKey(parent: readonly PropertyKey[], key: string): string {
  const known = parent.length === 0 ? FILE_KEYS : parent.length === 2 ? RULE_KEYS : MATCH_KEYS;
  if (parent.length === 2 && MATCH_KEYS.includes(key)) {
    return `unknown key: conditions go under match: (match: { ${key}: ... })`;
  }
  const near = known.find((candidate) => editDistance(candidate, key.toLowerCase()) <= 2);
  return `unknown key${near ? ` (did you mean ${near}?)` : ''}; expected ${known.join(', ')}`;
}

/** Levenshtein distance; keys are a few letters long. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

// ---- Where in the file --------------------------------------------------------------------

/** `rules[1].match.matchers[0]`, `severity.page`, `severity["P 1"]`. */
function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'top level';
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = String(part);
      if (!/^[A-Za-z_][\w-]*$/.test(key)) return `[${JSON.stringify(key)}]`;
      return index === 0 ? key : `.${key}`;
    })
    .join('');
}

/** The line of the nearest node on the path that is in the file (a missing key: its mapping's). */
function lineOf(path: readonly PropertyKey[], doc: Document, lineCounter: LineCounter): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node: unknown = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** One line a problem, in file order, each naming its place: `rules[1].action (line 12): …`. */
function describeAll(problems: Located[], doc: Document, lineCounter: LineCounter): string[] {
  const lines = problems.map((problem) => {
    const line = lineOf(problem.path, doc, lineCounter);
    return { line: line ?? 0, text: `${pathText(problem.path)}${line === undefined ? '' : ` (line ${line})`}: ${problem.message}` };
  });
  const ordered = lines.sort((a, b) => a.line - b.line).map((l) => l.text);
  return [...new Set(ordered)];
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  return error instanceof Error ? error.message : String(error);
}
