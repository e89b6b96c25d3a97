import { createDb, type DbHandle } from '../../../src/db/create-db';
import { migrateToLatest } from '../../../src/db/migrate';
import { BudgetShare, REPLICA_BEAT_EVERY_MS } from '../../../src/slack/rate-limits/budget-share';
import { testClock } from '../../../tools/harness/test-clock';
import { type TestDatabase, newTestDatabase } from '../../../tools/harness/test-database';

describe('BudgetShare', () => {
  let database: TestDatabase;
  let handle: DbHandle;

  beforeEach(async () => {
    database = await newTestDatabase();
    handle = createDb(database.config);
    await migrateToLatest(handle.db);
  });
  afterEach(async () => {
    await handle.close();
    await database.remove();
  });

  it('gives each live process an equal part, and the whole to the last one left', async () => {
    const time = testClock('2026-12-02T10:00:00Z');
    const first = new BudgetShare(handle.db, time.clock);
    const second = new BudgetShare(handle.db, time.clock);
    expect(await first.beat()).toBe(1);
    expect(first.share()).toBe(1);
    expect(await second.beat()).toBe(2);
    expect(await first.beat()).toBe(2);
    expect(first.share()).toBe(0.5);
    expect(second.share()).toBe(0.5);

    await second.leave();
    expect(await first.beat()).toBe(1);
    expect(first.share()).toBe(1);
  });

  it('stops counting a process that died without leaving once it has missed three beats', async () => {
    const time = testClock('2026-12-02T10:00:00Z');
    const survivor = new BudgetShare(handle.db, time.clock);
    const dead = new BudgetShare(handle.db, time.clock);
    await dead.beat();
    expect(await survivor.beat()).toBe(2);
    time.advance(2 * REPLICA_BEAT_EVERY_MS);
    expect(await survivor.beat()).toBe(2);
    time.advance(REPLICA_BEAT_EVERY_MS + 1);
    expect(await survivor.beat()).toBe(1);
    expect(survivor.share()).toBe(1);
  });
});
