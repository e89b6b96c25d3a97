import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../src/config';

/** Set by the test run for PostgreSQL (see jest.config.js); SQLite otherwise. */
export const TEST_DIALECT: 'sqlite' | 'postgres' = process.env.TEST_DB_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** A temporary SQLite file, in a folder of its own. */
export function tempDatabasePath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'incident-bot-test-')), 'bot.sqlite');
}

export interface TestDatabase {
  config: DatabaseConfig;
  /** The value to put in DATABASE_URL for a bot using this database. */
  url: string;
  remove(): Promise<void>;
}

/**
 * An empty database for one test: a temporary SQLite file, or, in the PostgreSQL run, a database
 * of its own on the server named by TEST_DATABASE_URL, dropped after.
 */
export async function newTestDatabase(dialect: 'sqlite' | 'postgres' = TEST_DIALECT): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const file = tempDatabasePath();
    return {
      config: { dialect: 'sqlite', path: file },
      url: file,
      async remove() {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      },
    };
  }
  // A database of its own (not a schema): Kysely looks for its migration tables across every
  // schema it can see, so tests sharing one database would find each other's.
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withClient(base, (client) => client.query(`create database ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    config: { dialect: 'postgres', url: url.toString() },
    url: url.toString(),
    async remove() {
      await withClient(base, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
