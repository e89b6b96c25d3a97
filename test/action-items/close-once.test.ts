import pino from 'pino';
import { addActionItem } from '../../src/action-items/action-item-service';
import { findActionItem } from '../../src/action-items/action-items.repository';
import { markDone, markWontDo } from '../../src/action-items/change-item-status';
import { isAppError } from '../../src/errors';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

/** Two people (or two replicas) closing the same item at the same moment. */
describe('closing an action item', () => {
  it('closes it once when "done" and "won\'t do" race: the other is told it was closed meanwhile', async () => {
    const db = await testDatabase();
    try {
      const deps = { db: db.db, clock: { now: () => new Date('2026-11-30T10:00:00Z') }, logger: pino({ level: 'silent' }) };
      const incidentId = await seedIncident(db);
      const input = { description: 'Add an alert', ownerId: 'U2', dueDate: '2026-12-01', type: 'detect' as const, ticketUrl: null };
      const itemId = await addActionItem(deps, incidentId, input, 'U1', '2026-11-30');
      // Both read the item as open before either writes: only a conditional write keeps one.
      const outcomes = await Promise.allSettled([markDone(deps, itemId, 'U2'), markWontDo(deps, itemId, 'U1', 'Superseded by the new alerting')]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
      expect(isAppError(refused.reason) && refused.reason.code).toBe('item_closed');
      const stored = (await findActionItem(db.db, itemId))!;
      const winner = (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ item: { status: string } }>).value.item.status;
      expect(stored.status).toBe(winner);
    } finally {
      await db.remove();
    }
  });
});
