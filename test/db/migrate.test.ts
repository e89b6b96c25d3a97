import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../../src/db/create-db';
import { MIGRATIONS_DIR, migrateDown, migrateToLatest } from '../../src/db/migrate';
import { TEST_DIALECT, newTestDatabase } from '../../tools/harness/test-database';

function tempDbPath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'incident-bot-')), 'nested', 'bot.sqlite');
}

async function tables(handle: ReturnType<typeof createDb>): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  return tables.map((t) => t.name).sort();
}

describe('migrations', () => {
  it('are date-prefixed files with up and down, importing nothing from src/', () => {
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file).toMatch(/^\d{4}-\d{2}-\d{2}-\d{2}-[a-z0-9-]+\.ts$/);
      const source = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      expect(source).toMatch(/export async function up\(/);
      expect(source).toMatch(/export async function down\(/);
      expect(source).not.toMatch(/from '\.\.\/src/);
    }
  });

  it('create the schema (on SQLite in a new file and folder), are idempotent, and go all the way down', async () => {
    const database = await newTestDatabase();
    const handle = createDb(database.config);
    try {
      const applied = await migrateToLatest(handle.db);
      expect(applied.length).toBe(fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).length);
      if (database.config.dialect === 'sqlite') expect(fs.existsSync(database.config.path)).toBe(true);
      expect(await tables(handle)).toContain('inbox');
      expect(await migrateToLatest(handle.db)).toEqual([]);

      while ((await migrateDown(handle.db)).length > 0);
      expect(await tables(handle)).toEqual([]);
    } finally {
      await handle.close();
      await database.remove();
    }
  });

  (TEST_DIALECT === 'sqlite' ? it : it.skip)('open SQLite in WAL mode with foreign keys enforced', async () => {
    const handle = createDb({ dialect: 'sqlite', path: tempDbPath() });
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      await expect(handle.ping()).resolves.toBeUndefined();
    } finally {
      await handle.close();
    }
    await expect(handle.ping()).rejects.toThrow();
  });
});
