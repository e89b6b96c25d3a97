import {
  CompiledQuery,
  IdentifierNode,
  type Kysely,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  sql,
} from 'kysely';
import { claimDueReminders, dueRemindersQuery } from '../src/action-items/action-items.repository';
import { CLAIM_CHUNK } from '../src/action-items/send-due-reminders';
import { createDb } from '../src/db/create-db';
import type { Database } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { seedIncident } from '../tools/harness/test-db';
import { newTestDatabase } from '../tools/harness/test-database';
import type { BenchResult } from './result';
import { alternate, median, round, timed } from './stats';

const ITEMS = 1_000_000;
const DUE = 1_000;
/** Open items with a reminder in the future; the rest are done (no reminder). */
const SCHEDULED = 200_000;
const NOW = '2026-11-22T09:00:00.000Z';
const UNTIL = '2026-11-22T09:02:00.000Z';
const TARGET_MS = 20;

/** Points every query at a copy of the table that has no index, for the comparison. */
class RenameTable extends OperationNodeTransformer {
  protected override transformIdentifier(node: IdentifierNode): IdentifierNode {
    return node.name === 'action_items' ? IdentifierNode.create('action_items_unindexed') : node;
  }
}
const unindexed: KyselyPlugin = {
  transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => new RenameTable().transformNode(args.node),
  transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
};

/** One million action items, 1,000 of them due, written in one statement on either database. */
async function seed(db: Kysely<Database>, incidentId: string): Promise<void> {
  await sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(ITEMS)})
    insert into action_items (id, incident_id, description, owner_id, due_date, type, status, created_by, created_at, updated_at,
                              next_reminder_at, next_reminder_kind, overdue_reminders_sent, reminder_failures, owner_time_zone)
    select 'item-' || i, ${incidentId}, 'Add an alert on queue depth', 'U0OWNER', '2026-11-22', 'detect',
           case when i <= ${sql.lit(DUE + SCHEDULED)} then 'open' else 'done' end,
           'U0OWNER', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
           case when i <= ${sql.lit(DUE)} then '2026-11-22T08:00:00.000Z'
                when i <= ${sql.lit(DUE + SCHEDULED)} then '2099-01-01T09:00:00.000Z' end,
           case when i <= ${sql.lit(DUE + SCHEDULED)} then 'due' end, 0, 0, 'UTC'
    from n`.execute(db);
  await sql`create table action_items_unindexed as select * from action_items`.execute(db);
  await sql`analyze`.execute(db);
}

async function plan(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string> {
  const query = dueRemindersQuery(db, NOW, DUE).compile();
  const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await db.executeQuery(CompiledQuery.raw(prefix + query.sql, [...query.parameters]));
  return result.rows.map((r) => String((r as Record<string, unknown>).detail ?? (r as Record<string, unknown>)['QUERY PLAN'])).join(' | ');
}

/** B4: find and claim the 1,000 due reminders among 1,000,000 action items. */
export async function benchReminderPoll(dialect: 'sqlite' | 'postgres', runs: number): Promise<BenchResult> {
  const database = await newTestDatabase(dialect);
  const handle = createDb(database.config);
  try {
    await migrateToLatest(handle.db);
    const incidentId = await seedIncident(handle);
    const seeded = await timed(() => seed(handle.db, incidentId));
    const release = async (db: Kysely<Database>) => {
      await db.updateTable('action_items').set({ reminder_claimed_until: null }).where('reminder_claimed_until', 'is not', null).execute();
    };
    const claimWith = (db: Kysely<Database>, count = DUE) => async () => {
      const run = await timed(() => claimDueReminders(db, NOW, UNTIL, count));
      if (run.value.length !== count) throw new Error(`claimed ${run.value.length} reminders, expected ${count}`);
      await release(db);
      return run.ms;
    };
    const plain = handle.db.withPlugin(unindexed);
    await claimWith(handle.db)(); // warm up both
    await claimWith(plain)();
    const samples = await alternate(runs, claimWith(handle.db), claimWith(plain));
    // What one poll does before it sends: claim the next chunk (the rest wait for the next chunk).
    const chunk = median((await alternate(runs, claimWith(handle.db, CLAIM_CHUNK), claimWith(handle.db, CLAIM_CHUNK))).a);
    const indexed = median(samples.a);
    const without = median(samples.b);
    const queryPlan = await plan(handle.db, dialect);
    const usesIndex = queryPlan.includes('action_items_next_reminder_idx');
    return {
      id: `B4 ${dialect}`,
      what: `reminder poll: find and claim ${DUE} due among ${ITEMS.toLocaleString('en')} items (${dialect})`,
      figures: { median_ms: round(indexed), [`claim_${CLAIM_CHUNK}_ms`]: round(chunk), without_index_ms: round(without), seed_ms: Math.round(seeded.ms), plan: queryPlan, uses_index: usesIndex },
      comparison: { with: 'the same statements on a copy of the table without its index', ratio: round(without / indexed, 1), ratioMeaning: 'times faster with the index' },
      target: `≤ ${TARGET_MS} ms; the plan uses the index`,
      met: indexed <= TARGET_MS && usesIndex,
      summary: `${round(indexed)} ms for all ${DUE}, ${round(chunk)} ms for a poll's ${CLAIM_CHUNK} (without index ${round(without)} ms, ${round(without / indexed, 1)}×); plan ${usesIndex ? 'uses' : 'does NOT use'} the index`,
    };
  } finally {
    await handle.close();
    await database.remove();
  }
}
