import fs from 'node:fs';
import { type Kysely, Migrator } from 'kysely';
import { createDb } from '../../src/db/create-db';
import { FolderMigrationProvider, MIGRATIONS_DIR, migrateToLatest } from '../../src/db/migrate';
import { newTestDatabase } from '../../tools/harness/test-database';

const MIGRATION = '2026-12-01-01-reminder-counters-not-null';
const at = '2026-11-22T10:00:00.000Z';

/** The migration just before this one: the schema it starts from. */
function previousMigration(): string {
  const names = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  return names[names.indexOf(MIGRATION) - 1]!;
}

function item(db: Kysely<any>, id: string, reminders: Record<string, unknown>) {
  return db
    .insertInto('action_items')
    .values({
      id,
      incident_id: 'incident-1',
      description: `Item ${id}`,
      owner_id: 'U1',
      due_date: '2026-12-01',
      type: 'detect',
      status: 'open',
      created_by: 'U1',
      created_at: at,
      updated_at: at,
      ...reminders,
    })
    .execute();
}

/**
 * The database refusing a NULL in the column. Matched by message, which both databases word with
 * the column's name: the SQLite driver's errors can come from another realm than the test's, so
 * they are not always recognised as errors.
 */
const notNullRefused = (column: string) =>
  expect.objectContaining({ message: expect.stringMatching(new RegExp(`null.*${column}|${column}.*null`, 'i')) });

const counters = (db: Kysely<any>, id: string) =>
  db
    .selectFrom('action_items')
    .select(['next_reminder_kind', 'overdue_reminders_sent', 'reminder_failures'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('the reminder counters migration', () => {
  it('fills unknown counters with 0, makes them NOT NULL with a default of 0, and undoes that going down', async () => {
    const database = await newTestDatabase();
    const handle = createDb(database.config);
    const db = handle.db as unknown as Kysely<any>;
    const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
    try {
      expect((await migrator.migrateTo(previousMigration())).error).toBeUndefined();
      await db
        .insertInto('incidents')
        .values({
          id: 'incident-1',
          request_key: 'V-1',
          title: 'Checkout errors',
          severity: 'SEV2',
          status: 'investigating',
          commander_id: 'U1',
          declared_by: 'U1',
          impact_started_at: at,
          declared_at: at,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await item(db, 'unknown', { next_reminder_at: at, next_reminder_kind: null, overdue_reminders_sent: null, reminder_failures: null });
      await item(db, 'counted', { next_reminder_at: at, next_reminder_kind: 'overdue', overdue_reminders_sent: 2, reminder_failures: 3 });

      expect(await migrateToLatest(db)).toContain(MIGRATION);
      expect(await counters(db, 'unknown')).toEqual({ next_reminder_kind: 'assigned', overdue_reminders_sent: 0, reminder_failures: 0 });
      expect(await counters(db, 'counted')).toEqual({ next_reminder_kind: 'overdue', overdue_reminders_sent: 2, reminder_failures: 3 });
      await item(db, 'new', {});
      expect(await counters(db, 'new')).toMatchObject({ overdue_reminders_sent: 0, reminder_failures: 0 });
      await expect(item(db, 'null-sent', { overdue_reminders_sent: null })).rejects.toEqual(notNullRefused('overdue_reminders_sent'));
      await expect(item(db, 'null-failures', { reminder_failures: null })).rejects.toEqual(notNullRefused('reminder_failures'));

      const { error } = await migrator.migrateTo(previousMigration());
      expect(error).toBeUndefined();
      await item(db, 'null-again', { overdue_reminders_sent: null, reminder_failures: null });
      expect(await counters(db, 'null-again')).toMatchObject({ overdue_reminders_sent: null, reminder_failures: null });
      expect(await counters(db, 'counted')).toMatchObject({ overdue_reminders_sent: 2, reminder_failures: 3 });
    } finally {
      await handle.close();
      await database.remove();
    }
  });
});
