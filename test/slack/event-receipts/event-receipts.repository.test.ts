import { forgetEventReceipt, pruneEventReceipts, recordEventReceipt } from '../../../src/slack/event-receipts/event-receipts.repository';
import { testDatabase } from '../../support/test-db';

describe('event receipts', () => {
  it('recognise a redelivery, forget a failed event, and are pruned once Slack no longer redelivers', async () => {
    const db = await testDatabase();
    try {
      const at = new Date('2026-11-22T10:00:00Z');
      expect(await recordEventReceipt(db.db, 'Ev1', at)).toBe(true);
      expect(await recordEventReceipt(db.db, 'Ev1', at)).toBe(false);
      await forgetEventReceipt(db.db, 'Ev1');
      expect(await recordEventReceipt(db.db, 'Ev1', at)).toBe(true);
      await recordEventReceipt(db.db, 'Ev2', new Date('2026-11-23T10:00:00Z'));
      expect(await pruneEventReceipts(db.db, new Date('2026-11-23T00:00:00Z'))).toBe(1);
      expect(await recordEventReceipt(db.db, 'Ev2', at)).toBe(false);
    } finally {
      await db.remove();
    }
  });
});
