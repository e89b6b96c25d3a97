import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { loadDotEnv } from './load-dotenv';
import { startBot } from './start-bot';
import { explainStartupFailure } from './startup-failure';

/** Wiring only: configuration → logger → bot (database, migrations, Slack) → signals. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.log);
  const starting = startBot(config, { logger });
  // A signal during start-up waits for the start to finish, then stops cleanly.
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    starting
      .then((bot) => bot.stop())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  try {
    await starting;
  } catch (error) {
    const where = { slackApiUrl: config.slack.apiUrl, port: config.port, database: databaseName(config) };
    logger.fatal({ err: error }, `the bot could not start: ${explainStartupFailure(error, where)}`);
    // Nothing may keep a failed start alive (a half-open socket, a pool): exit now, non-zero.
    process.exit(1);
  }
}

/** Where the database is, for a person, without its password. */
function databaseName(config: Config): string {
  if (config.database.dialect === 'sqlite') return config.database.path;
  const url = new URL(config.database.url);
  if (url.password) url.password = '***';
  return url.toString();
}

void main();
