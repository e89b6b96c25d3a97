import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Dialect, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, sql } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../config';
import type { Database } from './database';

export interface DbHandle {
  db: Kysely<Database>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the configured database. SQLite runs in WAL mode (readers never block the writer) with
 * foreign keys enforced and a busy timeout, so a second connection such as `npm run migrate`
 * waits instead of failing. PostgreSQL is for several replicas sharing one database; the same
 * queries and migrations run on both.
 */
export function createDb(config: DatabaseConfig, onError: (error: Error) => void = () => undefined): DbHandle {
  const db = new Kysely<Database>({ dialect: dialectFor(config, onError) });
  let closed = false;
  return {
    db,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

function dialectFor(config: DatabaseConfig, onError: (error: Error) => void): Dialect {
  if (config.dialect === 'postgres') {
    const pool = new Pool({ connectionString: config.url, max: 10 });
    // An idle connection the server drops (a restart, a failover) must not take the process down:
    // the pool replaces it, and the next query reconnects.
    pool.on('error', onError);
    return new PostgresDialect({ pool });
  }
  if (config.path !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.path)), { recursive: true });
  const sqlite = new SQLite(config.path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: withStatementCache(sqlite) });
}

/** Statements kept compiled; more distinct queries than this (long `in (…)` lists) evict the oldest. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles SQL on each `prepare`. The bot
 * runs the same few dozen queries all day, so each is compiled once and reused.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Most recently used last, so eviction takes the least recently used.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
