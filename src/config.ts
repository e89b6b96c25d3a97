import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Severity, parseSeverity } from './incidents/severity';
import { isKnownTimeZone } from './zoned-time';
import { DEFAULT_ALERT_RULES, type AlertRules } from './alerts/rules/alert-rules';
import { readAlertRules } from './alerts/rules/load-alert-rules';
import { parse as parseYaml } from 'yaml';
import { type DigestSchedule, parseDigestSchedule } from './insights/digest-schedule';

/** Everything the bot reads from its environment, validated once at start-up. */
export interface Config {
  slack: {
    botToken: string;
    /** Needed to verify requests in HTTP mode; unused in Socket Mode. */
    signingSecret?: string;
    /** When set, the bot connects with Socket Mode instead of serving HTTP. */
    appToken?: string;
    /** Base URL of the Web API, with a trailing slash as the WebClient expects. */
    apiUrl: string;
    /** Multiplies the Web API budgets the bot keeps to (Slack's documented tier minimums): 1 unless Slack grants the app more. */
    rateLimitScale: number;
  };
  mode: 'socket' | 'http';
  /** Channel id where non-private incidents are announced and kept current. */
  incidentsChannel?: string;
  /** Emoji name (no colons) that adds a message to its incident's timeline. */
  timelineEmoji: string;
  postmortems: {
    /** Channel id where published post-mortems are shared (never private incidents'). */
    channel?: string;
    /** Severities that owe a post-mortem after resolution. */
    requiredFor: Severity[];
    /** Hours after resolution before the post-mortem is due. */
    dueHours: number;
    /** The team's git repository for published post-mortems; unset, nothing is written to git. */
    git?: PostmortemsGitConfig;
  };
  reminders: {
    /** Hour of the owner's day (0-23) when due and overdue reminders go out. */
    hour: number;
    /** Zone for owners whose Slack profile has none. */
    defaultTimeZone: string;
    /** Working days between overdue follow-ups. */
    overdueEveryWorkingDays: number;
    /** Overdue reminders after which the incident commander is told as well. */
    escalateAfter: number;
    pollSeconds: number;
  };
  alerts: {
    /** `Authorization: Bearer` token for the alert endpoints; unset turns them off. */
    webhookToken?: string;
    /** Verifies PagerDuty's signed webhooks; unset turns `/alerts/pagerduty` off. */
    pagerdutySecret?: string;
    /** What to do with a firing group; the defaults offer every one. */
    rules: AlertRules;
    /** Offers per channel per minute before an alert storm's groups are held in one list. */
    offersPerMinute: number;
  };
  /** The team's issue tracker for action items; unset, items live only in Slack. */
  tracker?: TrackerConfig;
  verification: {
    /** Days after an item is done before its owner and the commander are asked whether it works. */
    afterDays: number;
  };
  /** When the weekly insights digest is posted in `POSTMORTEMS_CHANNEL`; unset, there is none. */
  insightsDigest?: DigestSchedule;
  port: number;
  database: DatabaseConfig;
  log: { level: LogLevel; pretty: boolean };
}

export interface PostmortemsGitConfig {
  /** Any URL `git` accepts; `https://user:token@…` carries its credentials, which never reach a log or the working copy's config. */
  url: string;
  /** Unset: the remote's default branch. */
  branch?: string;
  /** The folder for post-mortems in the repository. */
  dir: string;
  author: { name: string; email: string };
  /** For `ssh://` remotes. */
  sshKeyPath?: string;
  /** Whether private incidents' post-mortems are written too. */
  includePrivate: boolean;
  /** The working copy: in the data directory unless set. */
  workDir: string;
}

export type TrackerConfig = (GitHubTrackerConfig | JiraTrackerConfig) & {
  /** `always`: an issue for every item when it is created; `button`: when someone clicks **Create issue**. */
  create: 'always' | 'button';
  /** Minutes between polls that catch changes a webhook missed. */
  pollMinutes: number;
};

export interface GitHubTrackerConfig {
  kind: 'github';
  token: string;
  owner: string;
  repo: string;
  /** REST API root without a trailing slash: `https://api.github.com`, or GitHub Enterprise's `https://host/api/v3`. */
  apiUrl: string;
  /** Verifies `X-Hub-Signature-256`; unset, `/trackers/github` refuses every delivery. */
  webhookSecret?: string;
  /** Slack user ids and emails mapped to GitHub logins (`GITHUB_USER_MAP`), for people whose email is private. */
  userMap: Record<string, string>;
}

export interface JiraTrackerConfig {
  kind: 'jira';
  /** `https://your-site.atlassian.net`, without a trailing slash. */
  baseUrl: string;
  email: string;
  apiToken: string;
  projectKey: string;
  issueType: string;
  /** Verifies the admin webhook's `X-Hub-Signature`; unset, `/trackers/jira` refuses every delivery. */
  webhookSecret?: string;
}

export type DatabaseConfig = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_SQLITE_PATH = path.join('data', 'incident-bot.sqlite');

/** One bad variable: its name and, in words, what it should hold. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/**
 * Thrown when the environment cannot run the bot. It lists every problem at once, so an
 * operator fixes their configuration in one pass instead of one restart per variable.
 */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: ConfigProblem[]) {
    super(
      ['The bot cannot start: its configuration is incomplete or invalid.']
        .concat(problems.map((p) => `  - ${p.variable}: ${p.message}`))
        .concat('Set these environment variables (or put them in a .env file) and start it again.')
        .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

// Values are never echoed for secrets: the message ends up in logs and terminals.
const token = (prefix: string, what: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `required: ${what}` : `expected ${what}`) })
    .trim()
    .refine((v) => v.startsWith(prefix) && v.length > prefix.length, {
      message: `malformed: expected ${what}`,
    });

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const channelId = z
  .string()
  .trim()
  .regex(/^[CG][A-Z0-9]{2,}$/, {
    error: (i) => `expected a channel id such as C0123ABCD (not a #name), got "${String(i.input)}"`,
  });

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, {
      error: (i) => `expected ${what}, got "${String(i.input)}"`,
    })
    .transform(Number);

const schema = z
  .object({
    SLACK_BOT_TOKEN: token('xoxb-', 'the bot token, starting with "xoxb-" (OAuth & Permissions page)'),
    SLACK_SIGNING_SECRET: optional(
      z.string().trim().regex(/^[0-9a-f]{16,}$/i, 'malformed: expected the hex signing secret (Basic Information page)'),
    ),
    SLACK_APP_TOKEN: optional(
      token('xapp-', 'an app-level token with connections:write, starting with "xapp-" (Basic Information page)'),
    ),
    SLACK_API_URL: optional(
      z.url({ protocol: /^https?$/, error: (i) => `expected an http(s) URL, got "${String(i.input)}"` }),
    ),
    SLACK_RATE_LIMIT_SCALE: optional(wholeNumber(1, 1000, 'a whole number 1-1000 (how many times Slack\'s documented rate limits)')),
    PORT: optional(
      z
        .string()
        .trim()
        .refine((v) => /^\d+$/.test(v) && Number(v) <= 65535, {
          error: (i) => `expected a port number 0-65535 (0 picks a free port), got "${String(i.input)}"`,
        })
        .transform(Number),
    ),
    INCIDENTS_CHANNEL: optional(channelId),
    TIMELINE_EMOJI: optional(
      z
        .string()
        .trim()
        .transform((v) => v.replace(/^:|:$/g, ''))
        .refine((v) => /^[a-z0-9_+'-]+$/.test(v), {
          error: (i) => `expected an emoji name such as pushpin or :pushpin:, got "${String(i.input)}"`,
        }),
    ),
    POSTMORTEMS_CHANNEL: optional(channelId),
    POSTMORTEM_REQUIRED_SEVERITIES: optional(
      z
        .string()
        .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
        .refine((list) => list.every((s) => parseSeverity(s) || s.toLowerCase() === 'none'), {
          error: (i) => `expected a comma-separated list such as SEV1,SEV2 (or none), got "${String(i.input)}"`,
        })
        .transform((list) => list.map(parseSeverity).filter((s): s is Severity => Boolean(s))),
    ),
    POSTMORTEM_DUE_HOURS: optional(
      z
        .string()
        .trim()
        .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 8760, {
          error: (i) => `expected a whole number of hours (1-8760), got "${String(i.input)}"`,
        })
        .transform(Number),
    ),
    INSIGHTS_DIGEST: optional(z.string().trim()),
    REMINDER_HOUR: optional(wholeNumber(0, 23, 'an hour of the day 0-23')),
    DEFAULT_TIMEZONE: optional(
      z
        .string()
        .trim()
        .refine(isKnownTimeZone, { error: (i) => `expected an IANA time zone such as Europe/Paris, got "${String(i.input)}"` }),
    ),
    OVERDUE_REMINDER_DAYS: optional(wholeNumber(1, 60, 'a number of working days 1-60')),
    ESCALATE_AFTER: optional(wholeNumber(1, 50, 'a number of overdue reminders 1-50')),
    REMINDER_POLL_SECONDS: optional(wholeNumber(5, 3600, 'a number of seconds 5-3600')),
    POSTMORTEMS_GIT_URL: optional(
      z
        .string()
        .trim()
        .refine((v) => /^(https?|ssh|file|git):\/\/\S+$/i.test(v) || /^[\w.-]+@[\w.-]+:\S+$/.test(v) || /^\/\S+$/.test(v), {
          message: 'expected a URL git accepts: https://…, ssh://…, git@host:owner/repo.git, file:///path or an absolute path',
        }),
    ),
    POSTMORTEMS_GIT_BRANCH: optional(
      z
        .string()
        .trim()
        .refine((v) => /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/.test(v) && !v.endsWith('/') && !v.endsWith('.lock'), {
          error: (i) => `expected a branch name such as main, got "${String(i.input)}"`,
        }),
    ),
    POSTMORTEMS_GIT_DIR: optional(
      z
        .string()
        .trim()
        .transform((v) => v.replace(/^\.\/|\/+$/g, ''))
        .refine((v) => /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(v) && v.split('/').every((part) => part !== '.' && part !== '..' && part.toLowerCase() !== '.git'), {
          error: (i) => `expected a folder inside the repository such as incidents or docs/postmortems, got "${String(i.input)}"`,
        }),
    ),
    POSTMORTEMS_GIT_AUTHOR: optional(
      z
        .string()
        .trim()
        .regex(/^[^<>\n]+ <[^<>\s@]+@[^<>\s]+>$/, 'expected Name <email>, e.g. Incident Bot <incident-bot@example.com>'),
    ),
    POSTMORTEMS_GIT_SSH_KEY: optional(z.string().trim()),
    POSTMORTEMS_GIT_PRIVATE: optional(z.enum(['true', 'false', '1', '0'], { error: (i) => `expected true or false, got "${String(i.input)}"` })),
    POSTMORTEMS_GIT_WORKDIR: optional(z.string().trim()),
    ALERT_WEBHOOK_TOKEN: optional(
      z
        .string()
        .trim()
        .refine((v) => v.length >= 16 && /^[\x21-\x7e]+$/.test(v), {
          message: 'expected a random string of at least 16 printable characters without spaces (e.g. from `openssl rand -hex 24`)',
        }),
    ),
    PAGERDUTY_WEBHOOK_SECRET: optional(z.string().trim().min(8, 'expected the secret PagerDuty shows for the webhook subscription')),
    ALERT_RULES: optional(z.string().trim()),
    ALERT_OFFERS_PER_MINUTE: optional(wholeNumber(1, 60, 'a number of offers per minute 1-60')),
    TRACKER: optional(z.enum(['github', 'jira'], { error: (i) => `expected github or jira (or leave it unset), got "${String(i.input)}"` })),
    TRACKER_CREATE: optional(z.enum(['always', 'button'], { error: (i) => `expected always or button, got "${String(i.input)}"` })),
    TRACKER_POLL_MINUTES: optional(wholeNumber(1, 1440, 'a number of minutes 1-1440')),
    GITHUB_TOKEN: optional(z.string().trim().regex(/^[\x21-\x7e]{8,}$/, 'malformed: expected a GitHub token (fine-grained ghp_… / github_pat_…) without spaces')),
    GITHUB_REPO: optional(z.string().trim().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected owner/name, e.g. acme/incidents')),
    GITHUB_API_URL: optional(z.url({ protocol: /^https?$/, error: (i) => `expected an http(s) URL such as https://github.example.com/api/v3, got "${String(i.input)}"` })),
    GITHUB_WEBHOOK_SECRET: optional(z.string().trim().min(16, 'expected a random secret of at least 16 characters (the webhook\'s "Secret")')),
    GITHUB_USER_MAP: optional(z.string().trim()),
    JIRA_BASE_URL: optional(z.url({ protocol: /^https?$/, error: (i) => `expected your site's URL such as https://acme.atlassian.net, got "${String(i.input)}"` })),
    JIRA_EMAIL: optional(z.string().trim().regex(/^[^\s@]+@[^\s@]+$/, 'expected the email of the Atlassian account the API token belongs to')),
    JIRA_API_TOKEN: optional(z.string().trim().min(8, 'expected an Atlassian API token (id.atlassian.com → Security → API tokens)')),
    JIRA_PROJECT_KEY: optional(z.string().trim().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'expected a project key such as OPS')),
    JIRA_ISSUE_TYPE: optional(z.string().trim().min(1)),
    JIRA_WEBHOOK_SECRET: optional(z.string().trim().min(16, 'expected a random secret of at least 16 characters (the webhook\'s "Secret")')),
    VERIFY_AFTER_DAYS: optional(wholeNumber(1, 365, 'a number of days 1-365')),
    DATABASE_URL: optional(z.string()),
    LOG_LEVEL: optional(
      z.enum(LOG_LEVELS, { error: (i) => `expected one of ${LOG_LEVELS.join(', ')}, got "${String(i.input)}"` }),
    ),
    LOG_PRETTY: optional(
      z.enum(['1', '0', 'true', 'false'], { error: (i) => `expected 1 or 0, got "${String(i.input)}"` }),
    ),
  });

/** Reads and validates the environment. Throws {@link ConfigError} naming every bad variable. */
/**
 * Reads and checks the whole configuration at once. `terminal` says whether logs go to a person's
 * terminal (readable logs by default) or to a collector (JSON lines by default).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, terminal = Boolean(process.stdout.isTTY)): Config {
  const problems: ConfigProblem[] = [];
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: String(issue.path[0] ?? 'environment'), message: issue.message });
    }
  }
  // Checked apart from the schema so it is reported even when other variables are bad.
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message:
        'required in HTTP mode: the signing secret (Basic Information page); or set SLACK_APP_TOKEN to use Socket Mode',
    });
  }
  const alertsOn = Boolean(env.ALERT_WEBHOOK_TOKEN?.trim() || env.PAGERDUTY_WEBHOOK_SECRET?.trim());
  if (alertsOn && !env.INCIDENTS_CHANNEL?.trim()) {
    problems.push({ variable: 'INCIDENTS_CHANNEL', message: 'required when alerts are on (ALERT_WEBHOOK_TOKEN or PAGERDUTY_WEBHOOK_SECRET): alert offers are posted there' });
  }
  let rules: AlertRules = DEFAULT_ALERT_RULES;
  const rulesFile = env.ALERT_RULES?.trim();
  if (rulesFile) {
    const read = readAlertRules(rulesFile);
    if ('problems' in read) problems.push(...read.problems.map((message) => ({ variable: 'ALERT_RULES', message })));
    else rules = read.rules;
  }
  const sshKey = env.POSTMORTEMS_GIT_SSH_KEY?.trim();
  if (sshKey && !fs.existsSync(sshKey)) problems.push({ variable: 'POSTMORTEMS_GIT_SSH_KEY', message: `no such file: ${sshKey}` });
  problems.push(...trackerProblems(env));
  const digest = readDigestSchedule(env, problems);
  const userMap = readUserMap(env.GITHUB_USER_MAP?.trim(), problems);
  const database = parseDatabaseUrl(env.DATABASE_URL);
  if (typeof database === 'string') problems.push({ variable: 'DATABASE_URL', message: database });

  if (!parsed.success || problems.length > 0 || typeof database === 'string') {
    throw new ConfigError(dedupe(problems));
  }
  const e = parsed.data;
  const apiUrl = e.SLACK_API_URL ?? 'https://slack.com/api/';
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
      rateLimitScale: e.SLACK_RATE_LIMIT_SCALE ?? 1,
    },
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    incidentsChannel: e.INCIDENTS_CHANNEL,
    timelineEmoji: e.TIMELINE_EMOJI ?? 'pushpin',
    postmortems: {
      channel: e.POSTMORTEMS_CHANNEL,
      requiredFor: e.POSTMORTEM_REQUIRED_SEVERITIES ?? ['SEV1', 'SEV2'],
      dueHours: e.POSTMORTEM_DUE_HOURS ?? 48,
      ...(e.POSTMORTEMS_GIT_URL ? { git: gitConfig(e, database) } : {}),
    },
    reminders: {
      hour: e.REMINDER_HOUR ?? 9,
      defaultTimeZone: e.DEFAULT_TIMEZONE ?? 'UTC',
      overdueEveryWorkingDays: e.OVERDUE_REMINDER_DAYS ?? 3,
      escalateAfter: e.ESCALATE_AFTER ?? 2,
      pollSeconds: e.REMINDER_POLL_SECONDS ?? 60,
    },
    alerts: {
      webhookToken: e.ALERT_WEBHOOK_TOKEN,
      pagerdutySecret: e.PAGERDUTY_WEBHOOK_SECRET,
      rules,
      offersPerMinute: e.ALERT_OFFERS_PER_MINUTE ?? 5,
    },
    ...(e.TRACKER ? { tracker: trackerConfig(e, userMap) } : {}),
    verification: { afterDays: e.VERIFY_AFTER_DAYS ?? 30 },
    ...(digest ? { insightsDigest: digest } : {}),
    port: e.PORT ?? 3000,
    database,
    log: { level: e.LOG_LEVEL ?? 'info', pretty: e.LOG_PRETTY === undefined ? terminal : e.LOG_PRETTY === '1' || e.LOG_PRETTY === 'true' },
  };
}

/**
 * `DATABASE_URL` accepts `postgres://…` (or `postgresql://…`) for a shared PostgreSQL, and
 * `sqlite:PATH`, `sqlite://PATH` or a bare file path for SQLite; empty means the default file under
 * `./data/`. Returns the problem as a sentence when the value is unusable.
 */
export function parseDatabaseUrl(value: string | undefined): DatabaseConfig | string {
  const url = value?.trim();
  if (!url) return { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || /^[a-z]$/i.test(scheme)) return { dialect: 'sqlite', path: url };
  if (scheme === 'postgres' || scheme === 'postgresql') {
    try {
      new URL(url);
      return { dialect: 'postgres', url };
    } catch {
      return 'expected postgres://user:password@host:5432/database';
    }
  }
  if (scheme === 'sqlite') {
    const file = url.replace(/^sqlite:(\/\/)?/i, '');
    return file ? { dialect: 'sqlite', path: file } : 'expected sqlite:PATH with a file path after "sqlite:"';
  }
  return `unsupported database "${scheme}:"; expected postgres://… , sqlite:PATH or a file path`;
}

/** `INSIGHTS_DIGEST`, e.g. `MON 09:00 Europe/Berlin` (the zone defaults to `DEFAULT_TIMEZONE`); it is posted in `POSTMORTEMS_CHANNEL`. */
function readDigestSchedule(env: NodeJS.ProcessEnv, problems: ConfigProblem[]): DigestSchedule | undefined {
  const text = env.INSIGHTS_DIGEST?.trim();
  if (!text) return undefined;
  if (!env.POSTMORTEMS_CHANNEL?.trim()) {
    problems.push({ variable: 'POSTMORTEMS_CHANNEL', message: 'required when INSIGHTS_DIGEST is set: the weekly digest is posted there' });
  }
  const schedule = parseDigestSchedule(text, env.DEFAULT_TIMEZONE?.trim() || 'UTC');
  if ('problem' in schedule) {
    problems.push({ variable: 'INSIGHTS_DIGEST', message: schedule.problem });
    return undefined;
  }
  return schedule;
}

/** The variables each tracker needs; every missing one is named at once. */
const TRACKER_VARIABLES = {
  github: ['GITHUB_TOKEN', 'GITHUB_REPO'],
  jira: ['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_PROJECT_KEY'],
} as const;

function trackerProblems(env: NodeJS.ProcessEnv): ConfigProblem[] {
  const kind = env.TRACKER?.trim();
  if (kind !== 'github' && kind !== 'jira') return [];
  return TRACKER_VARIABLES[kind]
    .filter((variable) => !env[variable]?.trim())
    .map((variable) => ({ variable, message: `required when TRACKER=${kind}` }));
}

/**
 * `GITHUB_USER_MAP`: a YAML or JSON file of `slack user id or email: github login` lines, for
 * people whose GitHub email is private (GitHub's user search finds public emails only).
 */
function readUserMap(file: string | undefined, problems: ConfigProblem[]): Record<string, string> {
  if (!file) return {};
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    problems.push({ variable: 'GITHUB_USER_MAP', message: `cannot read ${file}` });
    return {};
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    problems.push({ variable: 'GITHUB_USER_MAP', message: `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return {};
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push({ variable: 'GITHUB_USER_MAP', message: `${file} should map Slack user ids or emails to GitHub logins, e.g. "U0123ABCD: octocat"` });
    return {};
  }
  const map: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const login = typeof value === 'string' ? value.trim().replace(/^@/, '') : '';
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login)) {
      problems.push({ variable: 'GITHUB_USER_MAP', message: `${file}: "${key}" maps to "${String(value)}", which is not a GitHub login` });
      continue;
    }
    map[key.trim().toLowerCase()] = login;
  }
  return map;
}

function trackerConfig(e: z.infer<typeof schema>, userMap: Record<string, string>): TrackerConfig {
  const common = { create: e.TRACKER_CREATE ?? 'always', pollMinutes: e.TRACKER_POLL_MINUTES ?? 15 } as const;
  if (e.TRACKER === 'github') {
    const [owner, repo] = (e.GITHUB_REPO as string).split('/') as [string, string];
    return {
      kind: 'github',
      token: e.GITHUB_TOKEN as string,
      owner,
      repo,
      apiUrl: (e.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
      webhookSecret: e.GITHUB_WEBHOOK_SECRET,
      userMap,
      ...common,
    };
  }
  return {
    kind: 'jira',
    baseUrl: (e.JIRA_BASE_URL as string).replace(/\/+$/, ''),
    email: e.JIRA_EMAIL as string,
    apiToken: e.JIRA_API_TOKEN as string,
    projectKey: e.JIRA_PROJECT_KEY as string,
    issueType: e.JIRA_ISSUE_TYPE ?? 'Task',
    webhookSecret: e.JIRA_WEBHOOK_SECRET,
    ...common,
  };
}

const DEFAULT_GIT_AUTHOR = { name: 'Incident Bot', email: 'incident-bot@users.noreply.localhost' };

function gitConfig(
  e: { POSTMORTEMS_GIT_URL?: string; POSTMORTEMS_GIT_BRANCH?: string; POSTMORTEMS_GIT_DIR?: string; POSTMORTEMS_GIT_AUTHOR?: string; POSTMORTEMS_GIT_SSH_KEY?: string; POSTMORTEMS_GIT_PRIVATE?: string; POSTMORTEMS_GIT_WORKDIR?: string },
  database: DatabaseConfig,
): PostmortemsGitConfig {
  const author = /^(.+) <(.+)>$/.exec(e.POSTMORTEMS_GIT_AUTHOR ?? '');
  // The data directory: beside the SQLite file, or ./data with PostgreSQL.
  const dataDir = database.dialect === 'sqlite' ? path.dirname(database.path) : 'data';
  return {
    url: e.POSTMORTEMS_GIT_URL as string,
    branch: e.POSTMORTEMS_GIT_BRANCH,
    dir: e.POSTMORTEMS_GIT_DIR ?? 'incidents',
    author: author ? { name: author[1] as string, email: author[2] as string } : DEFAULT_GIT_AUTHOR,
    sshKeyPath: e.POSTMORTEMS_GIT_SSH_KEY,
    includePrivate: e.POSTMORTEMS_GIT_PRIVATE === 'true' || e.POSTMORTEMS_GIT_PRIVATE === '1',
    workDir: e.POSTMORTEMS_GIT_WORKDIR ?? path.join(dataDir, 'postmortems-git'),
  };
}

/** Every variable the bot reads, in the order README's configuration table lists them. */
export const VARIABLE_ORDER = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'SLACK_RATE_LIMIT_SCALE',
  'PORT',
  'INCIDENTS_CHANNEL',
  'TIMELINE_EMOJI',
  'POSTMORTEMS_CHANNEL',
  'POSTMORTEM_REQUIRED_SEVERITIES',
  'POSTMORTEM_DUE_HOURS',
  'INSIGHTS_DIGEST',
  'POSTMORTEMS_GIT_URL',
  'POSTMORTEMS_GIT_BRANCH',
  'POSTMORTEMS_GIT_DIR',
  'POSTMORTEMS_GIT_AUTHOR',
  'POSTMORTEMS_GIT_SSH_KEY',
  'POSTMORTEMS_GIT_PRIVATE',
  'POSTMORTEMS_GIT_WORKDIR',
  'REMINDER_HOUR',
  'DEFAULT_TIMEZONE',
  'OVERDUE_REMINDER_DAYS',
  'ESCALATE_AFTER',
  'REMINDER_POLL_SECONDS',
  'ALERT_WEBHOOK_TOKEN',
  'PAGERDUTY_WEBHOOK_SECRET',
  'ALERT_RULES',
  'ALERT_OFFERS_PER_MINUTE',
  'TRACKER',
  'TRACKER_CREATE',
  'TRACKER_POLL_MINUTES',
  'GITHUB_TOKEN',
  'GITHUB_REPO',
  'GITHUB_API_URL',
  'GITHUB_WEBHOOK_SECRET',
  'GITHUB_USER_MAP',
  'JIRA_BASE_URL',
  'JIRA_EMAIL',
  'JIRA_API_TOKEN',
  'JIRA_PROJECT_KEY',
  'JIRA_ISSUE_TYPE',
  'JIRA_WEBHOOK_SECRET',
  'VERIFY_AFTER_DAYS',
  'DATABASE_URL',
  'LOG_LEVEL',
  'LOG_PRETTY',
];

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  const rank = (p: ConfigProblem) => {
    const index = VARIABLE_ORDER.indexOf(p.variable);
    return index === -1 ? VARIABLE_ORDER.length : index;
  };
  return [...problems].sort((a, b) => rank(a) - rank(b)).filter((p) => {
    const key = `${p.variable}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
