import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';

/** `migrations/` at the project root, both from `src/db` and from the compiled `dist/src/db`. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '../../migrations');

/**
 * Loads every migration file in a folder with `require`, so the same provider works for the
 * compiled JavaScript in production and for TypeScript under the test runner. Kysely runs them
 * in name order, which is why migration files are date-prefixed.
 */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string = MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of fs.readdirSync(this.folder).sort()) {
      if (!/\.(ts|js)$/.test(file) || file.endsWith('.d.ts')) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const migration = require(path.join(this.folder, file)) as Migration;
      migrations[file.replace(/\.(ts|js)$/, '')] = migration;
    }
    return migrations;
  }
}

export class MigrationError extends Error {
  readonly code = 'migration_failed';
}

/** Brings the schema up to date. Returns the names of the migrations applied now. */
export async function migrateToLatest(db: Kysely<any>, folder?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(folder) });
  return unwrap(await migrator.migrateToLatest());
}

/** Reverts the most recent migration (for development; production only moves forward). */
export async function migrateDown(db: Kysely<any>, folder?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(folder) });
  return unwrap(await migrator.migrateDown());
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(`Migration ${failed ?? ''} failed: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
