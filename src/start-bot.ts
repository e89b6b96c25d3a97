import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { WebClientOptions } from '@slack/web-api';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { type DbHandle, createDb } from './db/create-db';
import { migrateToLatest } from './db/migrate';
import type { Logger } from './logger';
import { createSlackApp } from './slack/create-slack-app';

/** How long shutdown waits for running listeners before closing the database anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  slackClientOptions?: WebClientOptions;
}

export interface Bot {
  /** The HTTP port actually bound (useful when PORT is 0). */
  port: number;
  database: DbHandle;
  /** Stops taking requests, lets in-flight handlers finish, closes the database. */
  stop(): Promise<void>;
}

/** Opens and migrates the database, then starts the Slack app. Used by `main` and by tests. */
export async function startBot(config: Config, options: StartOptions): Promise<Bot> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const database = createDb(config.database);
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

    const { app, inFlight } = createSlackApp({
      config,
      deps: { db: database.db, clock, logger, config },
      ping: database.ping,
      clientOptions: options.slackClientOptions,
    });
    await app.init();
    const started = await app.start(config.port);
    const port = config.mode === 'http' ? ((started as Server).address() as AddressInfo).port : config.port;
    logger.info({ mode: config.mode, port }, 'incident bot is ready');

    let stopping: Promise<void> | undefined;
    return {
      port,
      database,
      stop() {
        stopping ??= (async () => {
          await app.stop().catch((err: unknown) => logger.warn({ err }, 'stopping the Slack receiver failed'));
          if (!(await inFlight.drained(DRAIN_TIMEOUT_MS))) {
            logger.warn({ inFlight: inFlight.size }, 'shutting down with handlers still running');
          }
          await database.close();
          logger.info('incident bot stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
