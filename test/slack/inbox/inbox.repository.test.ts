import {
  giveUp,
  markFailed,
  markHandled,
  pruneInbox,
  storeRequest,
  takePending,
  takeRedelivered,
} from '../../../src/slack/inbox/inbox.repository';
import { testDatabase } from '../../../tools/harness/test-db';

const LEASE = 60_000;
const at = (iso: string) => new Date(`2026-11-22T${iso}Z`);
const event = (id: string) => ({ id, kind: 'event' as const, body: { type: 'event_callback', event_id: id } });

describe('the inbox', () => {
  it('recognises a redelivery, and lets a failed request be taken again at once by Slack’s redelivery', async () => {
    const db = await testDatabase();
    try {
      expect(await storeRequest(db.db, event('Ev1'), at('10:00:00'), LEASE)).toBe(true);
      expect(await storeRequest(db.db, event('Ev1'), at('10:00:01'), LEASE)).toBe(false);
      // Held by the process handling it.
      expect(await takeRedelivered(db.db, 'Ev1', at('10:00:01'), LEASE)).toBe(false);
      expect(await markFailed(db.db, 'Ev1', at('10:00:02'), () => 10_000)).toBe(1);
      expect(await takeRedelivered(db.db, 'Ev1', at('10:00:03'), LEASE)).toBe(true);
      expect(await takeRedelivered(db.db, 'Ev1', at('10:00:04'), LEASE)).toBe(false);
      await markHandled(db.db, 'Ev1', at('10:00:05'));
      expect(await takeRedelivered(db.db, 'Ev1', at('10:30:00'), LEASE)).toBe(false);
      const row = await db.db.selectFrom('inbox').selectAll().where('id', '=', 'Ev1').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 2, body: null, lease_until: null, handled_at: '2026-11-22T10:00:05.000Z' });
    } finally {
      await db.remove();
    }
  });

  it('gives the background retry what a dead process held once its lease ends, and failed requests after their delay', async () => {
    const db = await testDatabase();
    try {
      await storeRequest(db.db, event('EvDead'), at('10:00:00'), LEASE);
      await storeRequest(db.db, event('EvFailed'), at('10:00:00'), LEASE);
      await markFailed(db.db, 'EvFailed', at('10:00:01'), () => 30_000);
      await storeRequest(db.db, event('EvDone'), at('10:00:00'), LEASE);
      await markHandled(db.db, 'EvDone', at('10:00:01'));

      expect(await takePending(db.db, at('10:00:20'), LEASE, 10)).toEqual([]);
      expect((await takePending(db.db, at('10:00:31'), LEASE, 10)).map((r) => r.id)).toEqual(['EvFailed']);
      await markHandled(db.db, 'EvFailed', at('10:00:32'));
      const dead = await takePending(db.db, at('10:01:00'), LEASE, 10);
      expect(dead).toEqual([{ id: 'EvDead', body: { type: 'event_callback', event_id: 'EvDead' } }]);
      // Taken: a second replica finds nothing until that lease ends too.
      expect(await takePending(db.db, at('10:01:01'), LEASE, 10)).toEqual([]);
      await giveUp(db.db, 'EvDead', at('10:01:02'));
      expect(await takePending(db.db, at('11:00:00'), LEASE, 10)).toEqual([]);
    } finally {
      await db.remove();
    }
  });

  it('two replicas taking pending requests at the same moment never take the same one', async () => {
    const db = await testDatabase();
    try {
      for (let i = 0; i < 20; i += 1) await storeRequest(db.db, event(`Ev${i}`), at('10:00:00'), LEASE);
      const [a, b] = await Promise.all([
        takePending(db.db, at('10:05:00'), LEASE, 50),
        takePending(db.db, at('10:05:00'), LEASE, 50),
      ]);
      const ids = [...a!, ...b!].map((r) => r.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    } finally {
      await db.remove();
    }
  });

  it('is pruned once Slack no longer redelivers', async () => {
    const db = await testDatabase();
    try {
      await storeRequest(db.db, event('EvOld'), at('10:00:00'), LEASE);
      await storeRequest(db.db, event('EvNew'), new Date('2026-11-23T10:00:00Z'), LEASE);
      expect(await pruneInbox(db.db, new Date('2026-11-23T00:00:00Z'))).toBe(1);
      expect(await storeRequest(db.db, event('EvNew'), at('10:00:00'), LEASE)).toBe(false);
    } finally {
      await db.remove();
    }
  });
});
