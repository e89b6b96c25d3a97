import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { IncidentDeps } from '../../src/incidents/incident-deps';
import { addMessageByHand } from '../../src/timeline/add-message-by-hand';
import { TIMELINE_LIMITS } from '../../src/timeline/entry-limits';
import { addManualEntry } from '../../src/timeline/manual-entry';
import { syncMarkedMessage } from '../../src/timeline/sync-marked-message';
import type { TimelineDeps } from '../../src/timeline/timeline-deps';
import type { ChannelMessage } from '../../src/timeline/timeline-entry';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

const message: ChannelMessage = {
  channelId: 'C0INC',
  ts: '1795341600.000100',
  postedAt: new Date('2026-11-22T10:30:00.000Z'),
  authorId: 'U2',
  byBot: false,
  text: 'DB CPU at 100%',
  filesNote: null,
  permalink: null,
};

/** A timeline that already holds `count` entries of `chars` characters each. */
async function fill(db: TimelineDeps['db'], incidentId: string, count: number, chars = 20) {
  const at = '2026-11-22T10:00:00.000Z';
  for (let start = 0; start < count; start += 250) {
    await db
      .insertInto('timeline_entries')
      .values(
        Array.from({ length: Math.min(250, count - start) }, () => ({
          id: randomUUID(),
          incident_id: incidentId,
          kind: 'manual',
          occurred_at: at,
          actor_id: 'U1',
          text: 'x'.repeat(chars),
          created_at: at,
        })),
      )
      .execute();
  }
}

async function setUp() {
  const handle = await testDatabase();
  const incidentId = await seedIncident(handle);
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write: (chunk, _e, done) => void (logs.push(JSON.parse(String(chunk))), done()) });
  const acks: string[] = [];
  const deps: TimelineDeps = {
    db: handle.db,
    clock: { now: () => new Date('2026-11-22T11:00:00Z') },
    logger: pino({ level: 'info' }, sink),
    members: { isMember: async () => true },
    port: {
      readMarkedMessage: async () => ({ message, marked: true, markedBy: 'U3' }),
      acknowledge: async (captured) => void acks.push(captured.ts),
      withdrawAcknowledgement: async () => undefined,
    },
  };
  const count = async () => (await handle.db.selectFrom('timeline_entries').select('id').where('incident_id', '=', incidentId).execute()).length;
  return { handle, deps, incidentId, logs, acks, count };
}

describe('the entries one incident keeps', () => {
  it('refuses an entry written by hand or added by shortcut past the limit, plainly, and keeps every stored one', async () => {
    const { handle, deps, incidentId, acks, count } = await setUp();
    try {
      await fill(deps.db, incidentId, TIMELINE_LIMITS.entries);
      const services = { timeline: deps, incidents: {} as IncidentDeps };
      const input = { text: 'Rolled back', occurredAt: new Date('2026-11-22T10:40:00Z'), milestone: null, actorId: 'U1' };
      await expect(addManualEntry(services, incidentId, input)).rejects.toMatchObject({
        code: 'too_many_entries',
        message: expect.stringContaining('already has 1,000 entries'),
      });
      await expect(addMessageByHand(deps, incidentId, message, 'U1')).rejects.toMatchObject({ code: 'too_many_entries' });
      expect(await count()).toBe(TIMELINE_LIMITS.entries);
      expect(acks).toEqual([]);
    } finally {
      await handle.remove();
    }
  });

  it('skips a reaction capture on a full timeline with a warning, no :memo: and nothing lost', async () => {
    const { handle, deps, incidentId, logs, acks, count } = await setUp();
    try {
      await fill(deps.db, incidentId, TIMELINE_LIMITS.entries);
      await syncMarkedMessage(deps, 'C0INC', message.ts, 'added');
      expect(await count()).toBe(TIMELINE_LIMITS.entries);
      expect(acks).toEqual([]);
      expect(logs).toContainEqual(expect.objectContaining({ level: 40, code: 'too_many_entries', incidentId }));
    } finally {
      await handle.remove();
    }
  });

  it('makes room again when an entry is removed, and counts characters as well as entries', async () => {
    const { handle, deps, incidentId, acks, count } = await setUp();
    try {
      await fill(deps.db, incidentId, TIMELINE_LIMITS.entries - 1);
      expect(await addMessageByHand(deps, incidentId, message, 'U1')).toBe(true);
      expect(acks).toEqual([message.ts]);
      await deps.db.updateTable('timeline_entries').set({ dismissed_at: '2026-11-22T11:00:00.000Z' }).where('incident_id', '=', incidentId).where('kind', '=', 'manual').execute();

      await fill(deps.db, incidentId, 1, TIMELINE_LIMITS.characters - 30);
      const long = { ...message, ts: '1795341600.000200', text: 'y'.repeat(20) };
      await expect(addMessageByHand(deps, incidentId, long, 'U1')).rejects.toMatchObject({ code: 'too_many_entries', message: expect.stringContaining('characters') });
      expect(await addMessageByHand(deps, incidentId, { ...long, text: 'ok' }, 'U1')).toBe(true);
      expect(await count()).toBe(TIMELINE_LIMITS.entries + 2);
    } finally {
      await handle.remove();
    }
  });
});
