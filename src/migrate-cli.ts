import { parseDatabaseUrl } from './config';
import { createDb } from './db/create-db';
import { migrateToLatest } from './db/migrate';
import { loadDotEnv } from './load-dotenv';

/** `npm run migrate`: brings the database named by DATABASE_URL up to date, nothing else. */
async function run(): Promise<void> {
  loadDotEnv();
  const database = parseDatabaseUrl(process.env.DATABASE_URL);
  if (typeof database === 'string') {
    process.stderr.write(`DATABASE_URL: ${database}\n`);
    process.exitCode = 1;
    return;
  }
  const handle = createDb(database);
  try {
    const applied = await migrateToLatest(handle.db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
  } finally {
    await handle.close();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
