import { Writable } from 'node:stream';
import type { Clock } from '../../src/clock';
import { type Config, loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { ChannelPacer, type PacerTime } from '../../src/slack/web-api/channel-pacer';
import { type Bot, type StartOptions, startBot } from '../../src/start-bot';
import { FakeSlack } from '../fake-slack';
import { grantedBotScopes } from '../fake-slack/manifest';
import { SlackDriver } from '../fake-slack/slack-driver';
import { newTestDatabase } from './test-database';

export { tempDatabasePath } from './test-database';

/** How much larger than Slack's the rate limits are in tests that are not about them. */
export const RATE_LIMIT_SCALE = 100;

export const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';
/** The app-level token the fake Slack accepts for Socket Mode. */
export const APP_TOKEN = 'xapp-1-A0APP0001-1-testapptoken';

export interface TestBot {
  slack: FakeSlack;
  driver: SlackDriver;
  bot: Bot;
  config: Config;
  /** Every log line the bot wrote, as parsed JSON. */
  logs: Array<Record<string, unknown>>;
  /**
   * Stops the bot and starts a new one on the same database and fake Slack, as a deploy or a
   * restart after an outage would. `whileDown` runs in between (move the clock, say).
   */
  restart(whileDown?: () => void | Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the real bot in HTTP mode on a free port, against a fresh fake Slack that grants
 * exactly the manifest's scopes, with its own SQLite file. Web API retries are off so a
 * refused call fails the test at once instead of backing off for minutes.
 *
 * With `mode: 'socket'` (or SLACK_APP_TOKEN in `env` set to APP_TOKEN) the bot connects to the
 * fake over Socket Mode instead, and the driver delivers over that connection.
 */
export async function startTestBot(
  options: {
    env?: NodeJS.ProcessEnv;
    clock?: Clock;
    jobs?: StartOptions['jobs'];
    postPacer?: ChannelPacer;
    mode?: 'http' | 'socket';
    /** The fake Slack's rate limits: Slack's own, or scaled (RATE_LIMIT_SCALE unless told). */
    rateLimits?: 'slack' | { scale: number };
    /** Time for the bot's waits on Slack's budgets (its rate limiter); the wall clock unless told. */
    slackTime?: PacerTime;
  } = {},
): Promise<TestBot> {
  const slack = await FakeSlack.start({
    scopes: grantedBotScopes(),
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    rateLimits: options.rateLimits ?? { scale: RATE_LIMIT_SCALE },
  });
  const database = await newTestDatabase();
  // A configuration the bot refuses (a bad rules file, say) must not leave the fake Slack or the database behind.
  const configure = () => loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATABASE_URL: database.url,
    LOG_LEVEL: 'debug',
    ...(options.mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
    ...options.env,
  });
  let config: Config;
  try {
    config = configure();
  } catch (error) {
    await slack.stop();
    await database.remove();
    throw error;
  }
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger(config.log, sink);
  const start = () =>
    startBot(config, {
      logger,
      clock: options.clock,
      jobs: options.jobs,
      slackClientOptions: { retryConfig: { retries: 0 } },
      // The bot keeps to the same budgets as the fake Slack it talks to.
      slackRateLimits: {
        scale: options.rateLimits === 'slack' ? 1 : (options.rateLimits?.scale ?? RATE_LIMIT_SCALE),
        ...(options.slackTime ? { time: options.slackTime } : {}),
      },
      // Posts are not spaced a second apart here; the pacing itself has its own tests.
      postPacer: options.postPacer ?? new ChannelPacer(0),
    });
  let bot: Bot;
  try {
    bot = await start();
  } catch (error) {
    await slack.stop();
    await database.remove();
    throw error;
  }
  const testBot: TestBot = {
    slack,
    driver: driverFor(config, bot, slack),
    bot,
    config,
    logs,
    /**
     * Stops both sides, then fails the test if the bot did anything Slack would have refused
     * or a person would have seen as an error: a call needing a scope the manifest does not
     * grant, a late acknowledgement, a malformed reply.
     */
    async restart(whileDown) {
      await testBot.bot.stop();
      await whileDown?.();
      testBot.bot = await start();
      testBot.driver = driverFor(config, testBot.bot, slack);
    },
    async stop() {
      await testBot.bot.stop();
      await slack.stop();
      await database.remove();
      const refused = slack.calls.filter((c) => c.error === 'missing_scope' || c.error === 'unknown_method');
      const problems = [...slack.problems, ...refused.map((c) => `${c.method}: ${c.error}`)];
      if (problems.length > 0) throw new Error(`Slack would have shown errors:\n${problems.join('\n')}`);
    },
  };
  return testBot;
}

/** Slack's side of the transport the bot was configured for. */
function driverFor(config: Config, bot: Bot, slack: FakeSlack): SlackDriver {
  return config.mode === 'socket'
    ? new SlackDriver({ transport: 'socket', slack })
    : new SlackDriver({ appUrl: `http://127.0.0.1:${bot.port}`, signingSecret: SIGNING_SECRET, slack });
}
