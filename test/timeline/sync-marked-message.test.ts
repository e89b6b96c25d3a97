import pino from 'pino';
import { syncMarkedMessage } from '../../src/timeline/sync-marked-message';
import type { ChannelMessage } from '../../src/timeline/timeline-entry';
import type { TimelinePort } from '../../src/timeline/timeline-port';
import { timelineFor } from '../../src/timeline/timeline-queries';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

const message: ChannelMessage = {
  channelId: 'C0INC',
  ts: '1795341600.000100',
  postedAt: new Date('2026-11-22T10:00:00.000Z'),
  authorId: 'U2',
  byBot: false,
  text: 'DB CPU at 100%',
  filesNote: null,
  permalink: 'https://x.slack.com/archives/C0INC/p1795341600000100',
};

/** A chat whose reads answer from a script: each read takes the next state. */
function scriptedPort(marks: boolean[]): TimelinePort & { acks: number; withdrawals: number } {
  let read = 0;
  const port = {
    acks: 0,
    withdrawals: 0,
    async readMarkedMessage() {
      const marked = marks[Math.min(read, marks.length - 1)] as boolean;
      read += 1;
      return { message, marked, markedBy: marked ? 'U3' : null };
    },
    async acknowledge() {
      port.acks += 1;
    },
    async withdrawAcknowledgement() {
      port.withdrawals += 1;
    },
  };
  return port;
}

describe('syncMarkedMessage', () => {
  const clock = { now: () => new Date('2026-11-22T11:00:00Z') };
  const logger = pino({ level: 'silent' });

  it('adds once, at the message time, however often it is called while marked', async () => {
    const db = await testDatabase();
    try {
      const incidentId = await seedIncident(db);
      const port = scriptedPort([true]);
      for (let i = 0; i < 3; i += 1) await syncMarkedMessage({ db: db.db, clock, logger, members: { isMember: async () => true }, port }, 'C0INC', message.ts);
      const timeline = (await timelineFor(db.db, incidentId)).filter((e) => e.kind === 'message');
      expect(timeline).toHaveLength(1);
      expect(timeline[0]).toMatchObject({ occurredAt: message.postedAt, actorId: 'U3', authorId: 'U2' });
      expect(port.acks).toBe(1);
    } finally {
      await db.remove();
    }
  });

  it('takes the entry back when the mark was removed while it was being added', async () => {
    const db = await testDatabase();
    try {
      const incidentId = await seedIncident(db);
      const port = scriptedPort([true, false]);
      await syncMarkedMessage({ db: db.db, clock, logger, members: { isMember: async () => true }, port }, 'C0INC', message.ts);
      expect((await timelineFor(db.db, incidentId)).filter((e) => e.kind === 'message')).toEqual([]);
      expect(port.withdrawals).toBe(1);
    } finally {
      await db.remove();
    }
  });

  it('does nothing in a channel that is not an incident', async () => {
    const db = await testDatabase();
    try {
      await seedIncident(db);
      const port = scriptedPort([true]);
      await syncMarkedMessage({ db: db.db, clock, logger, members: { isMember: async () => true }, port }, 'C0OTHER', message.ts);
      expect(port.acks).toBe(0);
    } finally {
      await db.remove();
    }
  });
});
