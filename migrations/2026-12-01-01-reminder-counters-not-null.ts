import { type ColumnDefinitionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';

/** Counted per item from 0; never unknown. */
const COUNTERS = ['overdue_reminders_sent', 'reminder_failures'];

/**
 * The reminder counters become NOT NULL, 0 by default. SQLite cannot change a column's
 * constraints in place, so on both databases each counter is replaced by a new column that has
 * them, filled from the old one (a NULL read as 0, as the code always did), and renamed to the
 * old name. Neither counter is indexed or referenced, so SQLite can drop it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A reminder time without a kind was read as the assignment DM; it now says so.
  await db
    .updateTable('action_items')
    .set({ next_reminder_kind: 'assigned' })
    .where('next_reminder_at', 'is not', null)
    .where('next_reminder_kind', 'is', null)
    .execute();
  for (const name of COUNTERS) {
    await replaceColumn(db, name, sql`coalesce(${sql.ref(name)}, 0)`, (col) => col.notNull().defaultTo(0));
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of COUNTERS) {
    await replaceColumn(db, name, sql.ref(name), (col) => col);
  }
}

async function replaceColumn(
  db: Kysely<any>,
  name: string,
  value: RawBuilder<unknown>,
  constraints: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder,
): Promise<void> {
  const replacement = `${name}_replacement`;
  await db.schema.alterTable('action_items').addColumn(replacement, 'integer', constraints).execute();
  await db.updateTable('action_items').set({ [replacement]: value }).execute();
  await db.schema.alterTable('action_items').dropColumn(name).execute();
  await db.schema.alterTable('action_items').renameColumn(replacement, name).execute();
}
