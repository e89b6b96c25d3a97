import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { loadDotEnv } from './load-dotenv';
import { startBot } from './start-bot';

/** Wiring only: configuration → logger → bot (database, migrations, Slack) → signals. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.log);
  let bot;
  try {
    bot = await startBot(config, { logger });
  } catch (error) {
    logger.fatal({ err: error }, `the bot could not start: ${describe(error)}`);
    process.exitCode = 1;
    return;
  }
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

function describe(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string }; message?: string };
  if (e.data?.error === 'invalid_auth' || e.data?.error === 'not_authed') {
    return 'Slack rejected SLACK_BOT_TOKEN; copy the Bot User OAuth Token again';
  }
  return e.message ?? String(error);
}

void main();
