import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, DEFAULT_SQLITE_PATH, VARIABLE_ORDER, loadConfig, parseDatabaseUrl } from '../src/config';
import { DEFAULT_ALERT_RULES } from '../src/alerts/rules/alert-rules';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[yz]/g, 'a'),
};

function problemsOf(env: NodeJS.ProcessEnv): Record<string, string> {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return Object.fromEntries((error as ConfigError).problems.map((p) => [p.variable, p.message]));
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills in defaults for HTTP mode', () => {
    expect(loadConfig(valid, false)).toEqual({
      slack: { botToken: 'xoxb-1-2-abc', signingSecret: valid.SLACK_SIGNING_SECRET, appToken: undefined, apiUrl: 'https://slack.com/api/', rateLimitScale: 1 },
      mode: 'http',
      timelineEmoji: 'pushpin',
      postmortems: { channel: undefined, requiredFor: ['SEV1', 'SEV2'], dueHours: 48 },
      reminders: { hour: 9, defaultTimeZone: 'UTC', overdueEveryWorkingDays: 3, escalateAfter: 2, pollSeconds: 60 },
      alerts: { webhookToken: undefined, pagerdutySecret: undefined, rules: DEFAULT_ALERT_RULES, offersPerMinute: 5 },
      verification: { afterDays: 30 },
      port: 3000,
      database: { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH },
      log: { level: 'info', pretty: false },
    });
  });

  it('uses Socket Mode when an app token is set, without needing a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2' });
    expect(config.mode).toBe('socket');
    expect(config.slack.appToken).toBe('xapp-1-A1-2');
  });

  it('normalises the API URL to end with a slash and reads the other variables', () => {
    const config = loadConfig({
      ...valid,
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      PORT: '8080',
      DATABASE_URL: 'sqlite:/tmp/x.sqlite',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: '1',
    });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ dialect: 'sqlite', path: '/tmp/x.sqlite' });
    expect(config.log).toEqual({ level: 'debug', pretty: true });
  });

  it('logs readably to a terminal and as JSON lines elsewhere, unless LOG_PRETTY says otherwise', () => {
    expect(loadConfig(valid, true).log.pretty).toBe(true);
    expect(loadConfig(valid, false).log.pretty).toBe(false);
    expect(loadConfig({ ...valid, LOG_PRETTY: '0' }, true).log.pretty).toBe(false);
    expect(loadConfig({ ...valid, LOG_PRETTY: '1' }, false).log.pretty).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ ...valid, PORT: '', LOG_LEVEL: ' ' }).port).toBe(3000);
  });

  it('names every missing variable at once', () => {
    expect(problemsOf({})).toEqual({
      SLACK_BOT_TOKEN: expect.stringContaining('required'),
      SLACK_SIGNING_SECRET: expect.stringContaining('SLACK_APP_TOKEN'),
    });
  });

  it('names every malformed variable with what it expects, without echoing secrets', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_SIGNING_SECRET: 'not hex at all',
      SLACK_APP_TOKEN: 'nope',
      SLACK_API_URL: 'ftp://example.com',
      PORT: '70000',
      DATABASE_URL: 'mysql://db/incidents',
      LOG_LEVEL: 'loud',
      LOG_PRETTY: 'maybe',
    });
    expect(Object.keys(problems)).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_APP_TOKEN',
      'SLACK_API_URL',
      'PORT',
      'DATABASE_URL',
      'LOG_LEVEL',
      'LOG_PRETTY',
    ]);
    expect(problems.SLACK_BOT_TOKEN).toContain('xoxb-');
    expect(problems.PORT).toContain('0-65535');
    expect(problems.LOG_LEVEL).toContain('"loud"');
    expect(JSON.stringify(problems)).not.toContain('xoxp-user-token-secret');
  });

  it('formats one message listing each problem on its own line', () => {
    try {
      loadConfig({});
      throw new Error('expected a ConfigError');
    } catch (error) {
      const lines = (error as Error).message.split('\n');
      expect(lines[0]).toMatch(/cannot start/);
      expect(lines.filter((l) => l.startsWith('  - '))).toHaveLength(2);
    }
  });
});

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite:data/a.sqlite', 'data/a.sqlite'],
    ['sqlite:///var/lib/bot.sqlite', '/var/lib/bot.sqlite'],
    ['./bot.sqlite', './bot.sqlite'],
    ['/data/incident-bot.sqlite', '/data/incident-bot.sqlite'],
    ['C:\\data\\bot.sqlite', 'C:\\data\\bot.sqlite'],
  ])('reads %s as the SQLite file %s', (url, path) => {
    expect(parseDatabaseUrl(url)).toEqual({ dialect: 'sqlite', path });
  });

  it('refuses what it cannot open', () => {
    expect(parseDatabaseUrl('sqlite:')).toMatch(/file path/);
    expect(parseDatabaseUrl('mongodb://x')).toMatch(/unsupported/);
  });
});

describe('INSIGHTS_DIGEST', () => {
  it('is off unless set, and reads a day, a time and a zone (DEFAULT_TIMEZONE when none is named)', () => {
    expect(loadConfig(valid).insightsDigest).toBeUndefined();
    const withChannel = { ...valid, POSTMORTEMS_CHANNEL: 'C0PM' };
    expect(loadConfig({ ...withChannel, INSIGHTS_DIGEST: 'mon 9:00 Europe/Berlin' }).insightsDigest).toEqual({ weekday: 1, hour: 9, minute: 0, timeZone: 'Europe/Berlin', text: 'MON 09:00 Europe/Berlin' });
    expect(loadConfig({ ...withChannel, INSIGHTS_DIGEST: 'FRI 16:30', DEFAULT_TIMEZONE: 'Asia/Tokyo' }).insightsDigest?.timeZone).toBe('Asia/Tokyo');
  });

  it('says what is wrong, and that the digest needs POSTMORTEMS_CHANNEL', () => {
    expect(problemsOf({ ...valid, INSIGHTS_DIGEST: 'every monday' })).toEqual({
      POSTMORTEMS_CHANNEL: expect.stringContaining('required when INSIGHTS_DIGEST is set'),
      INSIGHTS_DIGEST: expect.stringContaining('MON 09:00 Europe/Berlin'),
    });
  });
});

describe('README', () => {
  it('documents every configuration variable, in the same order', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(VARIABLE_ORDER);
  });
});
